using KakaoPS.Emulator.State;

namespace KakaoPS.Emulator.Kapi;

/// <summary>Who is calling: the app and user an access token was issued to.</summary>
public sealed record Caller(EmulatorApp App, long UserId, IssuedToken Token);

/// <summary>Resolves <c>Authorization: Bearer &lt;token&gt;</c> (scheme case-insensitive) to a caller or a -401 error.</summary>
public static class BearerAuth
{
    public static (Caller? Caller, IResult? Error) Authenticate(HttpRequest request, EmulatorState state)
    {
        var header = request.Headers.Authorization.ToString();
        const string scheme = "Bearer ";
        var value = header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase) ? header[scheme.Length..].Trim() : null;

        var token = state.Tokens.FindAccess(value);
        var app = state.Apps.Find(token?.ClientId);
        if (token is null || token.Revoked || app is null) return (null, KapiErrors.TokenNotFound());
        if (token.ExpiresAt <= state.Clock.UtcNow) return (null, KapiErrors.TokenExpired());
        return (new Caller(app, token.UserId, token), null);
    }
}
