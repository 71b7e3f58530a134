using KakaoPS.Emulator.State;

namespace KakaoPS.Emulator.Kauth;

/// <summary>
/// The parameters of <c>/oauth/authorize</c>, validated in Kakao's order. The consent form carries the same
/// parameters back, so the page needs no server-side session.
/// </summary>
public sealed record AuthorizeRequest(
    EmulatorApp App, string RedirectUri, string? State, IReadOnlyList<string> Scopes, IReadOnlyList<string> Prompt,
    string? CodeChallenge, string CodeChallengeMethod)
{
    /// <summary>The one user who "logs in" through the emulator's browser pages.</summary>
    public long UserId => EmulatorDefaults.UserId;

    /// <summary>Returns the request, or the Kakao error page to show instead.</summary>
    public static (AuthorizeRequest? Request, IResult? Error) Parse(Func<string, string?> get, AppRegistry apps, bool checkResponseType)
    {
        var clientId = get("client_id");
        var app = apps.Find(clientId);
        if (app is null)
            return (null, ErrorPage.Show(StatusCodes.Status401Unauthorized, "KOE101", "invalid_client", $"Not exist client_id [{clientId ?? "null"}]"));

        var responseType = get("response_type");
        if (checkResponseType && responseType == "token")
            return (null, ErrorPage.Show(StatusCodes.Status400BadRequest, "KOE202", "invalid_request", "Implicit grant (response_type=token) is not supported."));
        if (checkResponseType && responseType != "code")
            return (null, ErrorPage.Show(StatusCodes.Status400BadRequest, "KOE201", "invalid_request", $"Unsupported response type: {responseType}"));

        var redirectUri = get("redirect_uri");
        if (redirectUri is null || !app.RedirectUris.Contains(redirectUri, StringComparer.Ordinal))
            return (null, ErrorPage.Show(StatusCodes.Status400BadRequest, "KOE006", "misconfigured", $"Redirect URI is not registered: {redirectUri}"));

        var scopes = SplitList(get("scope"));
        var unknown = scopes.Where(id => app.FindConsentItem(id) is null).ToList();
        if (unknown.Count > 0)
            return (null, ErrorPage.Show(StatusCodes.Status400BadRequest, "KOE205", "invalid_scope", $"The app has not configured these consent items: {string.Join(", ", unknown)}"));

        var challenge = get("code_challenge");
        var method = get("code_challenge_method") ?? "S256";
        if (challenge is not null && !Pkce.IsSupportedMethod(method))
            return (null, ErrorPage.Show(StatusCodes.Status400BadRequest, "KOE001", "invalid_request", $"Unsupported code_challenge_method: {method}"));

        return (new AuthorizeRequest(app, redirectUri, get("state"), scopes, SplitList(get("prompt")),
            string.IsNullOrEmpty(challenge) ? null : challenge, method), null);
    }

    /// <summary>The consent items this login has to ask for; empty means a code can be issued at once.</summary>
    public IReadOnlyList<ConsentItem> ItemsToAsk(ConsentStore consents)
    {
        if (!consents.IsLinked(App.RestApiKey, UserId))
            return Scopes.Count == 0
                ? App.ConsentItems
                : App.ConsentItems.Where(i => i.Required || Scopes.Contains(i.Id)).ToList();

        var agreed = consents.Agreed(App.RestApiKey, UserId);
        return App.ConsentItems.Where(i => Scopes.Contains(i.Id) && !agreed.Contains(i.Id)).ToList();
    }

    /// <summary>The documented separator is a comma; Kakao's own SDK joins with spaces, so both are accepted.</summary>
    private static string[] SplitList(string? value) =>
        (value ?? "").Split([',', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
