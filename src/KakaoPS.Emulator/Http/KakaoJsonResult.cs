using System.Text.Json;

namespace KakaoPS.Emulator.Http;

/// <summary>
/// A JSON response with Kakao's exact content type (<c>application/json;charset=UTF-8</c>, no space), which the
/// framework's own JSON results would normalise away.
/// </summary>
public sealed class KakaoJsonResult(int status, object body, string? wwwAuthenticate = null) : IResult
{
    public const string ContentType = "application/json;charset=UTF-8";

    public Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.StatusCode = status;
        httpContext.Response.ContentType = ContentType;
        if (wwwAuthenticate is not null)
            httpContext.Response.Headers.WWWAuthenticate = wwwAuthenticate;
        return httpContext.Response.WriteAsync(JsonSerializer.Serialize(body, EmulatorJson.Wire));
    }
}
