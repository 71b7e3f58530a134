using KakaoPS.Emulator.Http;
using KakaoPS.Emulator.State;

namespace KakaoPS.Emulator.Kauth;

/// <summary>
/// <c>GET /oauth/authorize</c> and the consent form's post-back (kakao-api.md §2): a code at once for an
/// already-consented user or with auto-consent, the consent page otherwise.
/// </summary>
public static class AuthorizeEndpoints
{
    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/oauth/authorize", Authorize);
        routes.MapPost("/oauth/authorize/consent", ConsentAsync);
    }

    private static IResult Authorize(HttpRequest http, EmulatorState state)
    {
        var (request, error) = AuthorizeRequest.Parse(key => Single(http.Query, key), state.Apps, checkResponseType: true);
        if (request is null) return error!;

        var toAsk = request.ItemsToAsk(state.Consents);
        if (toAsk.Count == 0)
            return RedirectWithCode(request, state);
        if (request.Prompt.Contains("none"))
            return RedirectBack(request, ("error", "consent_required"), ("error_description", "user consent required."));
        if (state.Options.AutoConsent || request.App.AutoConsent)
        {
            state.Consents.Agree(request.App.RestApiKey, request.UserId, toAsk.Select(i => i.Id));
            return RedirectWithCode(request, state);
        }
        return ConsentPage.Show(request, toAsk, state.Users.Get(request.UserId).Nickname);
    }

    private static async Task<IResult> ConsentAsync(HttpRequest http, EmulatorState state)
    {
        var form = await http.ReadFormOrEmptyAsync();
        if (form is null || form.Count == 0)
            return ErrorPage.Show(StatusCodes.Status400BadRequest, "KOE001", "invalid_request", "The consent form was empty or unreadable.");
        var (request, error) = AuthorizeRequest.Parse(key => Single(form, key), state.Apps, checkResponseType: false);
        if (request is null) return error!;

        if (form["action"] != "agree")
            return RedirectBack(request, ("error", "access_denied"), ("error_description", "User denied access"));

        var asked = request.ItemsToAsk(state.Consents);
        var ticked = form["agreed_scope"].ToHashSet();
        state.Consents.Agree(request.App.RestApiKey, request.UserId,
            asked.Where(i => i.Required || ticked.Contains(i.Id)).Select(i => i.Id));
        return RedirectWithCode(request, state);
    }

    private static IResult RedirectWithCode(AuthorizeRequest request, EmulatorState state)
    {
        var code = state.Tokens.CreateCode(request.App.RestApiKey, request.RedirectUri, request.UserId,
            request.CodeChallenge, request.CodeChallengeMethod);
        return RedirectBack(request, ("code", code));
    }

    /// <summary>302 to the redirect URI with the values appended to any query it already has; state is echoed.</summary>
    private static IResult RedirectBack(AuthorizeRequest request, params (string Key, string Value)[] values)
    {
        var pairs = values.ToList();
        if (request.State is not null) pairs.Add(("state", request.State));
        var query = string.Join('&', pairs.Select(p => p.Key + "=" + Uri.EscapeDataString(p.Value)));
        var separator = request.RedirectUri.Contains('?') ? '&' : '?';
        return Results.Redirect(request.RedirectUri + separator + query);
    }

    private static string? Single(IEnumerable<KeyValuePair<string, Microsoft.Extensions.Primitives.StringValues>> source, string key)
    {
        foreach (var (name, value) in source)
            if (name == key) return value.Count == 0 ? null : value[0];
        return null;
    }
}
