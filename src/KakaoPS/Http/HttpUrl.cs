using System;

namespace KakaoPS.Http
{
    /// <summary>The one rule for links, redirect URIs and endpoints: an absolute http or https URL.</summary>
    internal static class HttpUrl
    {
        /// <summary>The URL when <paramref name="text"/> is an absolute http or https URL, else null.</summary>
        public static Uri? Parse(string? text) =>
            Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
                ? uri
                : null;

        public static bool IsValid(string? text) => Parse(text) != null;
    }
}
