using KakaoPS.Emulator.Http;

namespace KakaoPS.Emulator.Kauth;

/// <summary>
/// kauth's JSON error responses: <c>{"error","error_description","error_code"}</c> plus a WWW-Authenticate header,
/// as Kakao sends them. Statuses marked UNCONFIRMED in kakao-api.md §3.7 are chosen in docs/emulator.md.
/// </summary>
public static class OAuthErrors
{
    public static IResult UnknownClient(string? clientId) =>
        Error(StatusCodes.Status401Unauthorized, "invalid_client", $"Not exist client_id [{clientId ?? "null"}]", "KOE101");

    public static IResult BadClientCredentials() =>
        Error(StatusCodes.Status401Unauthorized, "invalid_client", "Bad client credentials", "KOE010");

    public static IResult UnsupportedGrantType(string? grantType) =>
        Error(StatusCodes.Status400BadRequest, "unsupported_grant_type", $"unsupported grant_type: {grantType ?? "null"}", "KOE310");

    public static IResult CodeNotFound(string? code) =>
        Error(StatusCodes.Status400BadRequest, "invalid_grant", $"authorization code not found for code={code}", "KOE320");

    public static IResult CodeVerifierMismatch() =>
        Error(StatusCodes.Status400BadRequest, "invalid_grant", "code_verifier does not match code_challenge", "KOE320");

    public static IResult RedirectUriMismatch() =>
        Error(StatusCodes.Status400BadRequest, "invalid_grant", "Redirect URI mismatch.", "KOE303");

    public static IResult MissingRefreshToken() =>
        Error(StatusCodes.Status400BadRequest, "invalid_grant", "refresh_token is required", "KOE319");

    public static IResult InvalidRefreshToken() =>
        Error(StatusCodes.Status400BadRequest, "invalid_grant", "expired_or_invalid_refresh_token", "KOE322");

    /// <summary>A body that does not read as a form (UNCONFIRMED what Kakao answers; the emulator says 400 KOE001).</summary>
    public static IResult UnreadableForm() =>
        Error(StatusCodes.Status400BadRequest, "invalid_request", FormExtensions.UnreadableForm, "KOE001");

    public static IResult RateLimited() =>
        Error(StatusCodes.Status400BadRequest, "invalid_request", "token request rate limit exceeded", "KOE237");

    private static KakaoJsonResult Error(int status, string error, string description, string code) =>
        new KakaoJsonResult(status,
            new { error, error_description = description, error_code = code },
            wwwAuthenticate: $"Bearer realm=\"oauth\", error=\"{error}\"");
}
