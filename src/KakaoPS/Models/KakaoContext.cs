using System;

namespace KakaoPS.Models
{
    /// <summary>What KakaoPS is connected as. It never carries the tokens themselves.</summary>
    public sealed class KakaoContext
    {
        public string? ClientId { get; set; }
        public long? UserId { get; set; }
        public string[] Scopes { get; set; } = Array.Empty<string>();
        public DateTimeOffset AccessTokenExpiresAt { get; set; }
        public DateTimeOffset? RefreshTokenExpiresAt { get; set; }
        public string TokenPath { get; set; } = string.Empty;
        public string AuthUrl { get; set; } = string.Empty;
        public string ApiUrl { get; set; } = string.Empty;
        public bool ClientSecretSaved { get; set; }

        public override string ToString() => $"Kakao app {ClientId} ({string.Join(" ", Scopes)})";
    }
}
