using System.Security.Cryptography;

namespace KakaoPS.Emulator.State;

/// <summary>A one-time authorization code and what it was issued for.</summary>
public sealed record AuthorizationCode(
    string Value, string ClientId, string RedirectUri, long UserId,
    string? CodeChallenge, string CodeChallengeMethod, DateTimeOffset ExpiresAt);

/// <summary>An issued access or refresh token. Tokens are never deleted, only revoked, so the control API can list them.</summary>
public sealed class IssuedToken(string value, string clientId, long userId, DateTimeOffset expiresAt)
{
    public string Value { get; } = value;
    public string ClientId { get; } = clientId;
    public long UserId { get; } = userId;
    public DateTimeOffset ExpiresAt { get; } = expiresAt;
    public bool Revoked { get; set; }

    public int SecondsLeft(DateTimeOffset now) => (int)Math.Max(0, Math.Floor((ExpiresAt - now).TotalSeconds));
}

/// <summary>Opaque URL-safe random strings, the way Kakao's tokens and codes look (no structure to parse).</summary>
public static class RandomToken
{
    /// <summary>45 random bytes give 60 base64url characters, inside Kakao's observed 54–64.</summary>
    public static string Create(int bytes = 45) => Base64Url(RandomNumberGenerator.GetBytes(bytes));

    public static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
