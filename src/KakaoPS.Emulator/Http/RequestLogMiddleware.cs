using KakaoPS.Emulator.State;

namespace KakaoPS.Emulator.Http;

/// <summary>Writes every Kakao-side request to the request log, with secret-bearing query values masked.</summary>
public sealed class RequestLogMiddleware(RequestDelegate next, EmulatorState state)
{
    /// <summary>Set by the token endpoint so the log can tell the grants apart without keeping the form.</summary>
    public const string GrantTypeItem = "kakao.grant_type";

    private static readonly HashSet<string> SecretKeys =
        new(["code", "client_secret", "code_verifier", "refresh_token", "access_token"], StringComparer.OrdinalIgnoreCase);

    public async Task InvokeAsync(HttpContext context)
    {
        if (!IsKakaoPath(context.Request.Path))
        {
            await next(context);
            return;
        }
        try
        {
            await next(context);
        }
        finally
        {
            var status = context.RequestAborted.IsCancellationRequested && !context.Response.HasStarted ? 0 : context.Response.StatusCode;
            state.Requests.Add(new LoggedRequest(
                context.Request.Method,
                context.Request.Path.Value ?? "",
                MaskedQuery(context.Request.Query),
                status,
                context.Items[GrantTypeItem] as string,
                state.Clock.UtcNow));
        }
    }

    /// <summary>Only kauth/kapi paths are logged; the control API and the inbox page are not Kakao.</summary>
    private static bool IsKakaoPath(PathString path) =>
        path.StartsWithSegments("/oauth") || path.StartsWithSegments("/v1") || path.StartsWithSegments("/v2");

    private static string MaskedQuery(IQueryCollection query) =>
        query.Count == 0
            ? ""
            : "?" + string.Join("&", query.SelectMany(pair => pair.Value.Select(value =>
                Uri.EscapeDataString(pair.Key) + "=" + (SecretKeys.Contains(pair.Key) ? "***" : Uri.EscapeDataString(value ?? "")))));
}
