using KakaoPS.Emulator.Kauth;
using KakaoPS.Emulator.Http;
using KakaoPS.Emulator.State;

namespace KakaoPS.Emulator.Control;

/// <summary>The test-only control API under <c>/_emulator/</c>; camelCase JSON in and out.</summary>
public static class ControlEndpoints
{
    public static void Map(IEndpointRouteBuilder routes)
    {
        var control = routes.MapGroup("/_emulator");
        control.MapGet("/messages", (EmulatorState s) => Json(s.Messages.All()));
        control.MapGet("/requests", (EmulatorState s) => Json(s.Requests.All()));
        control.MapGet("/tokens", (EmulatorState s) => Json(s.Tokens.Counts()));
        control.MapPost("/tokens", IssueTokens);
        control.MapGet("/clock", (EmulatorState s) => Json(new { now = s.Clock.UtcNow }));
        control.MapPost("/clock", (ClockRequest body, EmulatorState s) =>
            s.Clock.TryAdvance(body.AdvanceSeconds)
                ? Json(new { now = s.Clock.UtcNow })
                : Results.BadRequest(new { error = $"advanceSeconds must be a finite number of seconds that keeps the clock within {EmulatorClock.MaxOffset.TotalDays:0} days of real time" }));
        control.MapPost("/consent", SetConsent);
        control.MapGet("/apps", (EmulatorState s) => Json(s.Apps.All.Select(AppView)));
        control.MapPut("/apps/{restApiKey}", (string restApiKey, AppPatch patch, EmulatorState s) =>
        {
            try
            {
                return Json(AppView(s.Apps.Upsert(restApiKey, patch)));
            }
            catch (FormatException e)
            {
                return Results.BadRequest(new { error = e.Message });
            }
        });
        control.MapGet("/users", (EmulatorState s) => Json(s.Users.All));
        control.MapPut("/users/{userId:long}", (long userId, UserRequest body, EmulatorState s) =>
            Json(s.Users.Update(userId, body.Nickname, body.KakaoTalkUser)));
        control.MapPost("/reset", (EmulatorState s) =>
        {
            s.Reset();
            return Json(new { reset = true });
        });
        control.MapPost("/faults", (Fault fault, EmulatorState s) =>
        {
            if (string.IsNullOrEmpty(fault.Path)) return Results.BadRequest(new { error = "path is required" });
            s.Faults.Add(fault);
            return Json(fault);
        });
    }

    private static IResult IssueTokens(IssueTokensRequest body, EmulatorState state, TokenIssuer issuer)
    {
        var app = state.Apps.Find(body.ClientId ?? state.Options.RestApiKey);
        if (app is null) return Results.NotFound(new { error = $"unknown app {body.ClientId}" });
        var userId = body.UserId ?? EmulatorDefaults.UserId;
        state.Consents.Agree(app.RestApiKey, userId, body.Scopes ?? app.ConsentItems.Select(i => i.Id));
        return new KakaoJsonResult(StatusCodes.Status200OK, issuer.IssuePair(app, userId,
            body.AccessExpiresIn ?? app.AccessTokenLifetime, body.RefreshExpiresIn ?? app.RefreshTokenLifetime));
    }

    private static IResult SetConsent(ConsentRequest body, EmulatorState state)
    {
        var app = state.Apps.Find(body.ClientId ?? state.Options.RestApiKey);
        if (app is null) return Results.NotFound(new { error = $"unknown app {body.ClientId}" });
        if (string.IsNullOrEmpty(body.Scope)) return Results.BadRequest(new { error = "scope is required" });
        var userId = body.UserId ?? EmulatorDefaults.UserId;
        if (body.Agreed) state.Consents.Agree(app.RestApiKey, userId, [body.Scope]);
        else state.Consents.Withdraw(app.RestApiKey, userId, [body.Scope]);
        return Json(new { userId, agreed = state.Consents.Agreed(app.RestApiKey, userId) });
    }

    /// <summary>The app as JSON, with the client secret reduced to whether it is on.</summary>
    private static object AppView(EmulatorApp app) => new
    {
        app.RestApiKey,
        app.AppId,
        app.Name,
        ClientSecretEnabled = app.ClientSecret is not null,
        app.RedirectUris,
        app.ConsentItems,
        app.TalkMessageEnabled,
        app.AutoConsent,
        app.AccessTokenLifetime,
        app.RefreshTokenLifetime,
        app.DailyQuota,
        app.RateLimits,
        app.Templates,
        app.WebDomains,
    };

    private static IResult Json(object value) => Results.Json(value, EmulatorJson.Control);
}
