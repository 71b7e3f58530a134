using System.Text.Json;
using KakaoPS.Emulator.Http;
using KakaoPS.Emulator.State;

namespace KakaoPS.Emulator.Kapi;

/// <summary>Consent, token-info, logout, unlink and user-info endpoints (kakao-api.md §6, §7).</summary>
public static class UserEndpoints
{
    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/v2/user/scopes", Scopes);
        routes.MapPost("/v2/user/revoke/scopes", RevokeScopesAsync);
        routes.MapGet("/v1/user/access_token_info", AccessTokenInfo);
        routes.MapPost("/v1/user/logout", Logout);
        routes.MapPost("/v1/user/unlink", Unlink);
        routes.MapMethods("/v2/user/me", ["GET", "POST"], Me);
    }

    private static IResult Scopes(HttpRequest request, EmulatorState state) => WithCaller(request, state, caller =>
    {
        var filter = request.Query["scopes"].ToString();
        IReadOnlyList<string>? ids = null;
        if (filter.Length > 0 && (ids = ParseIdArray(filter)) is null)
            return KapiErrors.InvalidParameter("scopes must be a JSON array of scope ids.");
        return ScopeList(caller, state, ids);
    });

    private static Task<IResult> RevokeScopesAsync(HttpRequest request, EmulatorState state) => WithCallerAsync(request, state, async caller =>
    {
        var form = await request.ReadFormOrEmptyAsync();
        if (form is null) return KapiErrors.InvalidParameter(FormExtensions.UnreadableForm);
        var ids = ParseIdArray(form.Value("scopes") ?? "");
        if (ids is null || ids.Count == 0) return KapiErrors.InvalidParameter("scopes is required and must be a JSON array of scope ids.");

        var agreed = state.Consents.Agreed(caller.App.RestApiKey, caller.UserId);
        var unknown = ids.Where(id => !agreed.Contains(id)).ToList();
        if (unknown.Count > 0)
            return KapiErrors.InvalidParameter($"There is no scopes to revoke. check out if given scope id([{string.Join(", ", unknown)}]) is correct again.");
        var required = ids.Where(id => caller.App.FindConsentItem(id)?.Required == true).ToList();
        if (required.Count > 0)
            return KapiErrors.NotEnabled($"[{string.Join(", ", required)}] is not revocable. check out if it's set as required on developers.kakao.com");

        state.Consents.Withdraw(caller.App.RestApiKey, caller.UserId, ids);
        return ScopeList(caller, state, null);
    });

    private static IResult AccessTokenInfo(HttpRequest request, EmulatorState state) => WithCaller(request, state, caller =>
        new KakaoJsonResult(StatusCodes.Status200OK, new
        {
            id = caller.UserId,
            expires_in = caller.Token.SecondsLeft(state.Clock.UtcNow),
            app_id = caller.App.AppId,
        }));

    private static IResult Logout(HttpRequest request, EmulatorState state) => WithCaller(request, state, caller =>
    {
        state.Tokens.RevokeAll(caller.App.RestApiKey, caller.UserId);
        return new KakaoJsonResult(StatusCodes.Status200OK, new { id = caller.UserId });
    });

    private static IResult Unlink(HttpRequest request, EmulatorState state) => WithCaller(request, state, caller =>
    {
        state.Tokens.RevokeAll(caller.App.RestApiKey, caller.UserId);
        state.Consents.Unlink(caller.App.RestApiKey, caller.UserId);
        return new KakaoJsonResult(StatusCodes.Status200OK, new { id = caller.UserId });
    });

    private static IResult Me(HttpRequest request, EmulatorState state) => WithCaller(request, state, caller =>
    {
        var agreed = state.Consents.Agreed(caller.App.RestApiKey, caller.UserId);
        var connectedAt = state.Consents.ConnectedAt(caller.App.RestApiKey, caller.UserId) ?? state.Clock.UtcNow;
        var nickname = agreed.Contains("profile_nickname") ? state.Users.Get(caller.UserId).Nickname : null;
        return new KakaoJsonResult(StatusCodes.Status200OK, new
        {
            id = caller.UserId,
            connected_at = connectedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'"),
            properties = nickname is null ? null : new { nickname },
            kakao_account = new
            {
                profile_nickname_needs_agreement = nickname is null,
                profile = nickname is null ? null : new { nickname, is_default_nickname = false },
            },
        });
    });

    /// <summary>
    /// The app's consent items plus any the user once agreed to that the app no longer uses (using=false);
    /// <c>revocable</c> is present only on agreed items.
    /// </summary>
    private static KakaoJsonResult ScopeList(Caller caller, EmulatorState state, IReadOnlyList<string>? onlyIds)
    {
        var app = caller.App;
        var agreed = state.Consents.Agreed(app.RestApiKey, caller.UserId);
        var items = app.ConsentItems.Select(item => (item, Using: true))
            .Concat(agreed.Where(id => app.FindConsentItem(id) is null).Order(StringComparer.Ordinal)
                .Select(id => (item: ConsentCatalog.Create(id, required: false), Using: false)))
            .Where(entry => onlyIds is null || onlyIds.Contains(entry.item.Id))
            .Select(entry => new
            {
                id = entry.item.Id,
                display_name = entry.item.DisplayName,
                type = entry.item.Type,
                @using = entry.Using,
                agreed = agreed.Contains(entry.item.Id),
                revocable = agreed.Contains(entry.item.Id) ? !entry.item.Required : (bool?)null,
            });
        return new KakaoJsonResult(StatusCodes.Status200OK, new { id = caller.UserId, scopes = items.ToList() });
    }

    private static List<string>? ParseIdArray(string raw)
    {
        try
        {
            return JsonSerializer.Deserialize<List<string>>(raw);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static IResult WithCaller(HttpRequest request, EmulatorState state, Func<Caller, IResult> handle)
    {
        var (caller, error) = BearerAuth.Authenticate(request, state);
        return caller is null ? error! : handle(caller);
    }

    private static async Task<IResult> WithCallerAsync(HttpRequest request, EmulatorState state, Func<Caller, Task<IResult>> handle)
    {
        var (caller, error) = BearerAuth.Authenticate(request, state);
        return caller is null ? error! : await handle(caller);
    }
}
