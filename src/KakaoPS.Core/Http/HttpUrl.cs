using System;

namespace KakaoPS.Http
{
    /// <summary>The one rule for links, redirect URIs and endpoints: an absolute http or https URL.</summary>
    internal static class HttpUrl
    {
        /// <summary>The text last found valid: each memo checks the same link again, and parsing it is most of a check.</summary>
        private static string? _lastValid;

        /// <summary>The URL when <paramref name="text"/> is an absolute http or https URL, else null.</summary>
        public static Uri? Parse(string? text) =>
            Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
                ? uri
                : null;

        public static bool IsValid(string? text)
        {
            if (text != null && string.Equals(text, System.Threading.Volatile.Read(ref _lastValid), StringComparison.Ordinal))
            {
                return true;
            }

            if (Parse(text) == null)
            {
                return false;
            }

            System.Threading.Volatile.Write(ref _lastValid, text);
            return true;
        }
    }
}
