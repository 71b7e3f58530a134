using System.Text.Json;

namespace KakaoPS.Emulator.Http;

/// <summary>
/// A JSON response with Kakao's exact content type (<c>application/json;charset=UTF-8</c>, no space), which the
/// framework's own JSON results would normalise away.
/// </summary>
public sealed class KakaoJsonResult(int status, object body, string? wwwAuthenticate = null) : IResult
{
    public const string ContentType = "application/json;charset=UTF-8";

    public Task ExecuteAsync(HttpContext context)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = ContentType;
        if (wwwAuthenticate is not null)
            context.Response.Headers.WWWAuthenticate = wwwAuthenticate;
        return context.Response.WriteAsync(JsonSerializer.Serialize(body, EmulatorJson.Wire));
    }
}
