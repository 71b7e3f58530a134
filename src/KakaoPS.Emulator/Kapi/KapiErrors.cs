using KakaoPS.Emulator.Http;

namespace KakaoPS.Emulator.Kapi;

/// <summary>kapi's error bodies: <c>{"msg","code"}</c>, plus the scope fields for -402 (kakao-api.md §8).</summary>
public static class KapiErrors
{
    public static IResult TokenNotFound() => Unauthorized("this access token does not exist");

    public static IResult TokenExpired() => Unauthorized("this access token is already expired");

    public static IResult InvalidParameter(string msg) =>
        new KakaoJsonResult(StatusCodes.Status400BadRequest, new { msg, code = -2 });

    public static IResult NotEnabled(string msg) =>
        new KakaoJsonResult(StatusCodes.Status403Forbidden, new { msg, code = -3 });

    public static IResult AppDisabledScope(string appName, string scope, string apiType) =>
        NotEnabled($"[{appName}] App disabled [{scope}] scopes for [{apiType}] API on developers.kakao.com. Enable it first.");

    public static IResult InsufficientScopes(string apiType, IEnumerable<string> required, IEnumerable<string> allowed) =>
        new KakaoJsonResult(StatusCodes.Status403Forbidden, new
        {
            msg = "insufficient scopes.",
            code = -402,
            api_type = apiType,
            required_scopes = required.ToArray(),
            allowed_scopes = allowed.ToArray(),
        });

    public static IResult NotKakaoTalkUser() =>
        new KakaoJsonResult(StatusCodes.Status400BadRequest, new { msg = "NotKakaoTalkUser", code = -501 });

    public static IResult QuotaExceeded() =>
        new KakaoJsonResult(StatusCodes.Status400BadRequest, new { code = -10, msg = "API limit has been exceeded." });

    private static KakaoJsonResult Unauthorized(string msg) =>
        new KakaoJsonResult(StatusCodes.Status401Unauthorized, new { msg, code = -401 },
            wwwAuthenticate: "Bearer error=invalid_token");
}
