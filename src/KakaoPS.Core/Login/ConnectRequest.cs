using System;

namespace KakaoPS.Login
{
    /// <summary>What a login was given; <see cref="KakaoLogin.ConnectAsync"/> chooses the flow from it.</summary>
    internal sealed class ConnectRequest
    {
        public string ClientId { get; set; } = string.Empty;
        public string? ClientSecret { get; set; }
        public string? RedirectUri { get; set; }

        /// <summary>An authorization code, the whole redirected URL or a refresh token: at most one is given.</summary>
        public string? Code { get; set; }
        public string? RedirectedUrl { get; set; }
        public string? RefreshToken { get; set; }

        /// <summary>For the browser login: the consent items, how long to wait, and how to open the page.</summary>
        public string[]? Scopes { get; set; }
        public TimeSpan BrowserTimeout { get; set; }
        public Func<Uri, bool> OpenBrowser { get; set; } = _ => false;
    }
}
