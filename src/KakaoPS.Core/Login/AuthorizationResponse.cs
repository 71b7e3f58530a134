using System;
using System.Globalization;
using System.Collections.Generic;
using KakaoPS.Errors;
using KakaoPS.Tokens;
using KakaoPS.Resources;

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
                    LoginMessages.RedirectedUrlNotUrl, LoginMessages.RedirectedUrlNotUrlAction);
            }

            var response = FromQuery(uri.Query);
            if (response.Code == null && response.Error == null)
            {
                throw new KakaoException("InvalidRedirectedUrl", KakaoErrorKind.InvalidArgument,
                    LoginMessages.RedirectedUrlNoCode, LoginMessages.RedirectedUrlNoCodeAction);
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
                    ? string.Format(CultureInfo.CurrentCulture, LoginMessages.LoginCancelled, ErrorDescription ?? Error)
                    : string.Format(CultureInfo.CurrentCulture, LoginMessages.LoginRefused, Error, ErrorDescription),
                Error == "consent_required" ? LoginMessages.ConsentRequiredAction : LoginMessages.AgreeAndContinueAction);
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
