using System;
using System.Linq;
using KakaoPS.Errors;
using KakaoPS.Http;
using KakaoPS.Resources;

namespace KakaoPS.Login
{
    /// <summary>
    /// What a user passes to -Code: usually the bare code, sometimes the whole address or its
    /// code=…&amp;state=… part. Text no code can be is refused before anything goes to Kakao.
    /// </summary>
    internal static class PastedCode
    {
        private static readonly char[] NeverInCode = { '&', '=', '?', '#', '"', '\'', '<', '>' };

        /// <summary>The redirect in <paramref name="text"/> when it holds one (an address or a query), else null.</summary>
        public static AuthorizationResponse? AsRedirect(string text)
        {
            var trimmed = text.Trim();
            if (HttpUrl.IsValid(trimmed))
            {
                return AuthorizationResponse.FromUrl(trimmed);
            }

            var query = trimmed.TrimStart('?');
            if (query.StartsWith("code=", StringComparison.Ordinal) || query.Contains("&code=") || query.StartsWith("error=", StringComparison.Ordinal))
            {
                var response = AuthorizationResponse.FromQuery(query);
                return response.Code != null || response.Error != null ? response : null;
            }

            return null;
        }

        /// <summary>The code without surrounding white space; blank or malformed text is an InvalidAuthorizationCode error.</summary>
        public static string Validate(string code)
        {
            var trimmed = code.Trim();
            if (trimmed.Length == 0)
            {
                throw new KakaoException("InvalidAuthorizationCode", KakaoErrorKind.InvalidArgument, LoginMessages.CodeBlank, LoginMessages.CodeMalformedAction);
            }

            if (trimmed.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || NeverInCode.Contains(c)))
            {
                throw new KakaoException("InvalidAuthorizationCode", KakaoErrorKind.InvalidArgument, LoginMessages.CodeMalformed, LoginMessages.CodeMalformedAction);
            }

            return trimmed;
        }
    }
}
