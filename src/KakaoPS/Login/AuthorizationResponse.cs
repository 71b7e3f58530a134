using System;
using System.Collections.Generic;
using KakaoPS.Errors;
using KakaoPS.Tokens;

namespace KakaoPS.Login
{
    /// <summary>What Kakao put in the redirect: a code and the echoed state, or an error.</summary>
    internal sealed class AuthorizationResponse
    {
        private static readonly char[] Ampersand = { '&' };

        public string? Code { get; private set; }
        public string? State { get; private set; }
        public string? Error { get; private set; }
        public string? ErrorDescription { get; private set; }

        /// <summary>Reads the whole URL from the address bar after consent.</summary>
        public static AuthorizationResponse FromUrl(string url)
        {
            if (!Uri.TryCreate(url?.Trim(), UriKind.Absolute, out var uri))
            {
                throw new KakaoException("InvalidRedirectedUrl", KakaoErrorKind.InvalidArgument,
                    "-RedirectedUrl is not a URL.",
                    "Copy the whole address from the browser's address bar after consenting, e.g. http://127.0.0.1/?code=…&state=…");
            }

            var response = FromQuery(uri.Query);
            if (response.Code == null && response.Error == null)
            {
                throw new KakaoException("InvalidRedirectedUrl", KakaoErrorKind.InvalidArgument,
                    "The URL has neither a code nor an error in its query.",
                    "Copy the address of the page the browser landed on after consenting; it contains code=….");
            }

            return response;
        }

        public static AuthorizationResponse FromQuery(string query)
        {
            var values = ParseQuery(query);
            return new AuthorizationResponse
            {
                Code = Value(values, "code"),
                State = Value(values, "state"),
                Error = Value(values, "error"),
                ErrorDescription = Value(values, "error_description") is string description ? Secrets.ScrubEchoes(description) : null,
            };
        }

        /// <summary>access_denied (the user pressed 취소) and the like become a clear error.</summary>
        public void ThrowIfError()
        {
            if (Error == null)
            {
                return;
            }

            var cancelled = Error == "access_denied";
            throw new KakaoException(cancelled ? "AccessDenied" : "AuthorizationFailed",
                cancelled ? KakaoErrorKind.PermissionDenied : KakaoErrorKind.Authentication,
                cancelled
                    ? $"The login was cancelled on Kakao's consent page ({ErrorDescription ?? Error})."
                    : $"Kakao refused the login: {Error} ({ErrorDescription}).",
                Error == "consent_required"
                    ? "Log in without -Prompt none, so that Kakao can ask for consent."
                    : "Run the login again and press 동의하고 계속하기 (Agree and continue) on the consent page.");
        }

        private static Dictionary<string, string> ParseQuery(string query)
        {
            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var pair in query.TrimStart('?').Split(Ampersand, StringSplitOptions.RemoveEmptyEntries))
            {
                var equals = pair.IndexOf('=');
                var key = Decode(equals < 0 ? pair : pair.Substring(0, equals));
                if (!values.ContainsKey(key))
                {
                    values[key] = equals < 0 ? string.Empty : Decode(pair.Substring(equals + 1));
                }
            }

            return values;
        }

        private static string Decode(string value) => Uri.UnescapeDataString(value.Replace('+', ' '));

        private static string? Value(Dictionary<string, string> values, string key) =>
            values.TryGetValue(key, out var value) && value.Length > 0 ? value : null;
    }
}
