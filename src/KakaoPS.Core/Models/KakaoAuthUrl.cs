using System;

namespace KakaoPS.Models
{
    /// <summary>An authorize URL to open in a browser; its string form is the URL itself.</summary>
    public sealed class KakaoAuthUrl
    {
        public string Url { get; set; } = string.Empty;
        public string ClientId { get; set; } = string.Empty;
        public string RedirectUri { get; set; } = string.Empty;
        public string[] Scope { get; set; } = Array.Empty<string>();
        public string? State { get; set; }
        public string[] Prompt { get; set; } = Array.Empty<string>();
        public string? LoginHint { get; set; }

        public override string ToString() => Url;
    }
}
