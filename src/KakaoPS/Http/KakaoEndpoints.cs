using System;
using KakaoPS.Errors;

namespace KakaoPS.Http
{
    /// <summary>The two Kakao hosts: kauth (OAuth) and kapi (resource APIs).</summary>
    internal sealed class KakaoEndpoints : IEquatable<KakaoEndpoints>
    {
        public const string DefaultAuthUrl = "https://kauth.kakao.com";
        public const string DefaultApiUrl = "https://kapi.kakao.com";

        public KakaoEndpoints(string authUrl, string apiUrl)
        {
            AuthUrl = Normalize(authUrl, "KAKAOPS_AUTH_URL");
            ApiUrl = Normalize(apiUrl, "KAKAOPS_API_URL");
        }

        public string AuthUrl { get; }

        public string ApiUrl { get; }

        /// <summary>Endpoints from KAKAOPS_AUTH_URL / KAKAOPS_API_URL, else Kakao's own hosts.</summary>
        public static KakaoEndpoints FromEnvironment() =>
            new KakaoEndpoints(
                NonEmpty(Environment.GetEnvironmentVariable("KAKAOPS_AUTH_URL")) ?? DefaultAuthUrl,
                NonEmpty(Environment.GetEnvironmentVariable("KAKAOPS_API_URL")) ?? DefaultApiUrl);

        public Uri Auth(string path) => new Uri(AuthUrl + path);

        public Uri Api(string path) => new Uri(ApiUrl + path);

        public bool Equals(KakaoEndpoints? other) =>
            other != null
            && string.Equals(AuthUrl, other.AuthUrl, StringComparison.OrdinalIgnoreCase)
            && string.Equals(ApiUrl, other.ApiUrl, StringComparison.OrdinalIgnoreCase);

        public override bool Equals(object? obj) => Equals(obj as KakaoEndpoints);

        public override int GetHashCode() => StringComparer.OrdinalIgnoreCase.GetHashCode(AuthUrl + "|" + ApiUrl);

        private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value!.Trim();

        private static string Normalize(string url, string source)
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                throw new KakaoException("InvalidEndpoint", KakaoErrorKind.InvalidArgument,
                    $"'{url}' is not an absolute http or https URL.",
                    $"Set {source} to a URL such as {(source == "KAKAOPS_AUTH_URL" ? DefaultAuthUrl : DefaultApiUrl)}, or remove it to use Kakao.");
            }

            return uri.GetLeftPart(UriPartial.Path).TrimEnd('/');
        }
    }
}
