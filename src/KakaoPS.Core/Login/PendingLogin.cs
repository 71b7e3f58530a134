using System;
using System.Collections.Generic;
using System.Linq;

namespace KakaoPS.Login
{
    /// <summary>An authorize request waiting for its redirect: the state to check and the PKCE verifier to send.</summary>
    internal sealed class PendingLogin
    {
        public string State { get; set; } = string.Empty;
        public string CodeVerifier { get; set; } = string.Empty;
        public string ClientId { get; set; } = string.Empty;
        public string RedirectUri { get; set; } = string.Empty;

        /// <summary>The consent items asked for, in the order given.</summary>
        public List<string> Scopes { get; set; } = new List<string>();

        /// <summary>When the login was started, or last handed out again; it lives <see cref="PendingLogins.Lifetime"/> from then.</summary>
        public DateTimeOffset CreatedAt { get; set; }

        /// <summary>When a code of this login was exchanged; the login is then kept only to say so.</summary>
        public DateTimeOffset? UsedAt { get; set; }

        /// <summary>SHA-256 of the code that was exchanged, to recognise it when it is pasted again.</summary>
        public string? UsedCodeHash { get; set; }

        internal bool IsLive(DateTimeOffset now) => UsedAt == null && CreatedAt > now - PendingLogins.Lifetime;

        internal bool Matches(string clientId, string redirectUri, IReadOnlyList<string> scopes) =>
            ClientId == clientId && RedirectUri == redirectUri && Scopes.OrderBy(s => s, StringComparer.Ordinal).SequenceEqual(scopes.OrderBy(s => s, StringComparer.Ordinal));
    }
}
