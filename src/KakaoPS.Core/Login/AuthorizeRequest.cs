using System;
using System.Globalization;
using System.Collections.Generic;
using System.Linq;
using KakaoPS.Errors;
using KakaoPS.Http;
using KakaoPS.Resources;

namespace KakaoPS.Login
{
    /// <summary>The parts of Kakao's authorize URL (GET /oauth/authorize).</summary>
    internal sealed class AuthorizeRequest
    {
        public const string DefaultRedirectUri = "http://127.0.0.1";

        public string ClientId { get; set; } = string.Empty;
        public string RedirectUri { get; set; } = DefaultRedirectUri;
        public IReadOnlyList<string> Scopes { get; set; } = Array.Empty<string>();
        public string? State { get; set; }
        public IReadOnlyList<string> Prompt { get; set; } = Array.Empty<string>();
        public string? LoginHint { get; set; }
        public string? CodeChallenge { get; set; }

        /// <summary>Kakao documents comma-separated lists for scope and prompt.</summary>
        public Uri ToUri(KakaoEndpoints endpoints)
        {
            var query = new List<KeyValuePair<string, string>>
            {
                Pair("client_id", ClientId),
                Pair("redirect_uri", RedirectUri),
                Pair("response_type", "code"),
            };
            if (Scopes.Count > 0)
            {
                query.Add(Pair("scope", string.Join(",", Scopes)));
            }

            if (!string.IsNullOrEmpty(State))
            {
                query.Add(Pair("state", State!));
            }

            if (Prompt.Count > 0)
            {
                query.Add(Pair("prompt", string.Join(",", Prompt)));
            }

            if (!string.IsNullOrEmpty(LoginHint))
            {
                query.Add(Pair("login_hint", LoginHint!));
            }

            if (!string.IsNullOrEmpty(CodeChallenge))
            {
                query.Add(Pair("code_challenge", CodeChallenge!));
                query.Add(Pair("code_challenge_method", "S256"));
            }

            var encoded = string.Join("&", query.Select(p => Uri.EscapeDataString(p.Key) + "=" + Uri.EscapeDataString(p.Value)));
            return endpoints.Auth("/oauth/authorize?" + encoded);
        }

        /// <summary>The redirect URI must be an absolute http(s) URL, as Kakao registers them.</summary>
        public static string ValidateRedirectUri(string redirectUri)
        {
            if (!HttpUrl.IsValid(redirectUri))
            {
                throw new KakaoException("InvalidRedirectUri", KakaoErrorKind.InvalidArgument,
                    string.Format(CultureInfo.CurrentCulture, LoginMessages.InvalidRedirectUri, redirectUri),
                    string.Format(CultureInfo.CurrentCulture, LoginMessages.InvalidRedirectUriAction, DefaultRedirectUri));
            }

            return redirectUri;
        }

        private static KeyValuePair<string, string> Pair(string key, string value) => new KeyValuePair<string, string>(key, value);
    }
}
