using System.Security.Cryptography;
using System.Text;
using KakaoPS.Emulator.Http;
using KakaoPS.Emulator.State;

namespace KakaoPS.Emulator.Kauth;

/// <summary><c>POST /oauth/token</c>: the authorization-code and refresh-token grants (kakao-api.md §3).</summary>
public static class TokenEndpoint
{
    /// <summary>A refresh inside the last month of the refresh token's life also rotates the refresh token.</summary>
    private static readonly TimeSpan RotationWindow = TimeSpan.FromDays(30);

    public static void Map(IEndpointRouteBuilder routes) => routes.MapPost("/oauth/token", HandleAsync);

    private static async Task<IResult> HandleAsync(HttpContext context, EmulatorState state, TokenIssuer issuer)
    {
        var form = await context.Request.ReadFormOrEmptyAsync();
        if (form is null) return OAuthErrors.UnreadableForm();
        var grantType = form.Value("grant_type");
        context.Items[RequestLogMiddleware.GrantTypeItem] = grantType;

        var clientId = form.Value("client_id");
        var app = state.Apps.Find(clientId);
        if (app is null) return OAuthErrors.UnknownClient(clientId);
        if (grantType is not ("authorization_code" or "refresh_token")) return OAuthErrors.UnsupportedGrantType(grantType);
        if (app.ClientSecret is not null && !FixedTimeEquals(form.Value("client_secret"), app.ClientSecret))
            return OAuthErrors.BadClientCredentials();

        return grantType == "authorization_code"
            ? ExchangeCode(form, app, state, issuer)
            : Refresh(form, app, state);
    }

    private static IResult ExchangeCode(IFormCollection form, EmulatorApp app, EmulatorState state, TokenIssuer issuer)
    {
        var rawCode = form.Value("code");
        var code = state.Tokens.TakeCode(rawCode);
        if (code is null || code.ClientId != app.RestApiKey) return OAuthErrors.CodeNotFound(rawCode);
        if (form.Value("redirect_uri") != code.RedirectUri) return OAuthErrors.RedirectUriMismatch();
        if (code.CodeChallenge is not null && !Pkce.Verifies(form.Value("code_verifier"), code.CodeChallenge, code.CodeChallengeMethod))
            return OAuthErrors.CodeVerifierMismatch();
        if (!state.Tokens.TryRecordIssue(app.RestApiKey, code.UserId, isRefresh: false, app.RateLimits))
            return OAuthErrors.RateLimited();

        return new KakaoJsonResult(StatusCodes.Status200OK,
            issuer.IssuePair(app, code.UserId, app.AccessTokenLifetime, app.RefreshTokenLifetime));
    }

    private static IResult Refresh(IFormCollection form, EmulatorApp app, EmulatorState state)
    {
        var raw = form.Value("refresh_token");
        if (string.IsNullOrEmpty(raw)) return OAuthErrors.MissingRefreshToken();
        var refresh = state.Tokens.FindRefresh(raw);
        var now = state.Clock.UtcNow;
        if (refresh is null || refresh.Revoked || refresh.ExpiresAt <= now || refresh.ClientId != app.RestApiKey)
            return OAuthErrors.InvalidRefreshToken();
        if (!state.Tokens.TryRecordIssue(app.RestApiKey, refresh.UserId, isRefresh: true, app.RateLimits))
            return OAuthErrors.RateLimited();

        var rotate = refresh.ExpiresAt - now < RotationWindow;
        if (rotate && !state.Tokens.TryRevoke(refresh)) return OAuthErrors.InvalidRefreshToken();
        var access = state.Tokens.IssueAccess(app.RestApiKey, refresh.UserId, app.AccessTokenLifetime);
        var rotated = rotate ? state.Tokens.IssueRefresh(app.RestApiKey, refresh.UserId, app.RefreshTokenLifetime) : null;

        // Like Kakao's documented example, a refresh response carries no scope; refresh fields only on rotation.
        return new KakaoJsonResult(StatusCodes.Status200OK, new
        {
            access_token = access.Value,
            token_type = "bearer",
            refresh_token = rotated?.Value,
            expires_in = app.AccessTokenLifetime,
            refresh_token_expires_in = rotated is null ? (int?)null : app.RefreshTokenLifetime,
        });
    }

    private static bool FixedTimeEquals(string? given, string expected) =>
        given is not null &&
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(expected));
}

/// <summary>RFC 7636 checks for a code bound to a <c>code_challenge</c>.</summary>
public static class Pkce
{
    public static bool IsSupportedMethod(string method) => method is "S256" or "plain";

    public static bool Verifies(string? verifier, string challenge, string method)
    {
        if (string.IsNullOrEmpty(verifier)) return false;
        var expected = method == "plain"
            ? verifier
            : RandomToken.Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(challenge));
    }
}
