using System;
using System.Globalization;
using System.Security;
using KakaoPS.Resources;

namespace KakaoPS.Models
{
    /// <summary>What KakaoPS is connected as. It carries no access token, and the refresh token only when asked for.</summary>
    public sealed class KakaoContext
    {
        public string? ClientId { get; set; }
        public long? UserId { get; set; }
        public string[] Scopes { get; set; } = Array.Empty<string>();
        public DateTimeOffset AccessTokenExpiresAt { get; set; }
        public DateTimeOffset? RefreshTokenExpiresAt { get; set; }

        /// <summary>CurrentUser (the token file) or Process (memory only).</summary>
        public TokenScope TokenScope { get; set; } = TokenScope.CurrentUser;

        /// <summary>The token file; null for a memory-only login.</summary>
        public string? TokenPath { get; set; }
        public string AuthUrl { get; set; } = string.Empty;
        public string ApiUrl { get; set; } = string.Empty;
        public bool ClientSecretSaved { get; set; }

        /// <summary>
        /// True when Kakao issued a new refresh token during this command, so the one it was given no longer
        /// works; a memory-only login must update where it keeps the token (e.g. a CI secret).
        /// </summary>
        public bool RefreshTokenRotated { get; set; }

        /// <summary>Only with Get-KakaoContext -IncludeRefreshToken, e.g. to update a CI secret after Kakao rotated it.</summary>
        public SecureString? RefreshToken { get; set; }

        public override string ToString() => string.Format(CultureInfo.CurrentCulture, ModelMessages.ContextText, ClientId, string.Join(" ", Scopes));
    }
}
