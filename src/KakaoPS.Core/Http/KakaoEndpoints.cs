using System.Globalization;
using System;
using System.Net;
using System.Net.Sockets;
using KakaoPS.Errors;
using KakaoPS.Resources;

namespace KakaoPS.Http
{
    /// <summary>The two Kakao hosts: kauth (OAuth) and kapi (resource APIs).</summary>
    internal sealed class KakaoEndpoints : IEquatable<KakaoEndpoints>
    {
        public const string DefaultAuthUrl = "https://kauth.kakao.com";
        public const string DefaultApiUrl = "https://kapi.kakao.com";

        public const string AuthUrlVariable = "KAKAOPS_AUTH_URL";
        public const string ApiUrlVariable = "KAKAOPS_API_URL";

        /// <summary>The endpoints last asked for, with the URLs they were made from.</summary>
        private static KakaoEndpoints? _last;

        private readonly string _givenAuthUrl;
        private readonly string _givenApiUrl;
        private bool _authChecked;
        private bool _apiChecked;

        public KakaoEndpoints(string authUrl, string apiUrl)
        {
            _givenAuthUrl = authUrl;
            _givenApiUrl = apiUrl;
            AuthUrl = Normalize(authUrl, AuthUrlVariable);
            ApiUrl = Normalize(apiUrl, ApiUrlVariable);
        }

        public string AuthUrl { get; }

        public string ApiUrl { get; }

        /// <summary>Endpoints from KAKAOPS_AUTH_URL / KAKAOPS_API_URL, else Kakao's own hosts.</summary>
        public static KakaoEndpoints FromEnvironment() =>
            Of(NonEmpty(Environment.GetEnvironmentVariable(AuthUrlVariable)) ?? DefaultAuthUrl,
                NonEmpty(Environment.GetEnvironmentVariable(ApiUrlVariable)) ?? DefaultApiUrl);

        /// <summary>
        /// The endpoints of these URLs. Every command asks twice, for the environment's and for the token file's,
        /// which are nearly always the same: the URLs are parsed again only when they differ from the last ones.
        /// </summary>
        public static KakaoEndpoints Of(string authUrl, string apiUrl)
        {
            var last = System.Threading.Volatile.Read(ref _last);
            if (last != null && string.Equals(last._givenAuthUrl, authUrl, StringComparison.Ordinal) && string.Equals(last._givenApiUrl, apiUrl, StringComparison.Ordinal))
            {
                return last;
            }

            var endpoints = new KakaoEndpoints(authUrl, apiUrl);
            System.Threading.Volatile.Write(ref _last, endpoints);
            return endpoints;
        }

        /// <summary>A kauth URL; refused when the host would get secrets over plain http (see <see cref="RequireSafeTransport"/>).</summary>
        public Uri Auth(string path) => new Uri(SafeUrl(AuthUrl, AuthUrlVariable, ref _authChecked) + path);

        /// <summary>A kapi URL; refused when the host would get the access token over plain http.</summary>
        public Uri Api(string path) => new Uri(SafeUrl(ApiUrl, ApiUrlVariable, ref _apiChecked) + path);

        /// <summary>The URL once it passed <see cref="RequireSafeTransport(string, string)"/>; the URLs never change, so neither does the answer.</summary>
        private static string SafeUrl(string url, string source, ref bool passed)
        {
            if (!passed)
            {
                RequireSafeTransport(url, source);
                passed = true;
            }

            return url;
        }

        /// <summary>Refuses both URLs at once when either would carry secrets over plain http (a login uses both).</summary>
        public void RequireSafeTransport()
        {
            RequireSafeTransport(AuthUrl, AuthUrlVariable);
            RequireSafeTransport(ApiUrl, ApiUrlVariable);
        }

        /// <summary>
        /// Refresh tokens, client secrets and access tokens cross the network only encrypted: plain
        /// http is for an emulator on this computer (127.0.0.0/8, ::1, localhost). Checked when a
        /// request is built, so commands that send nothing (Disconnect-Kakao, Get-KakaoContext) still work.
        /// </summary>
        private static string RequireSafeTransport(string url, string source)
        {
            var uri = new Uri(url);
            if (uri.Scheme == Uri.UriSchemeHttps || IsLoopback(uri))
            {
                return url;
            }

            throw new KakaoException("InsecureEndpoint", KakaoErrorKind.InvalidArgument,
                string.Format(CultureInfo.CurrentCulture, ConfigurationMessages.PlainHttpToRemoteHost, source, url),
                string.Format(CultureInfo.CurrentCulture, ConfigurationMessages.PlainHttpToRemoteHostAction, source, source == AuthUrlVariable ? DefaultAuthUrl : DefaultApiUrl));
        }

        private static bool IsLoopback(Uri uri)
        {
            if (string.Equals(uri.Host, "localhost", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }

            if (!IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address))
            {
                return false;
            }

            if (address.AddressFamily == AddressFamily.InterNetworkV6 && address.IsIPv4MappedToIPv6)
            {
                address = address.MapToIPv4();
            }

            return IPAddress.IsLoopback(address);
        }

        public bool Equals(KakaoEndpoints? other) =>
            other != null
            && string.Equals(AuthUrl, other.AuthUrl, StringComparison.OrdinalIgnoreCase)
            && string.Equals(ApiUrl, other.ApiUrl, StringComparison.OrdinalIgnoreCase);

        public override bool Equals(object? obj) => Equals(obj as KakaoEndpoints);

        public override int GetHashCode() => StringComparer.OrdinalIgnoreCase.GetHashCode(AuthUrl + "|" + ApiUrl);

        private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value!.Trim();

        private static string Normalize(string url, string source)
        {
            if (!(HttpUrl.Parse(url) is Uri uri))
            {
                throw new KakaoException("InvalidEndpoint", KakaoErrorKind.InvalidArgument,
                    string.Format(CultureInfo.CurrentCulture, HttpMessages.InvalidEndpoint, url),
                    string.Format(CultureInfo.CurrentCulture, HttpMessages.InvalidEndpointAction, source, source == AuthUrlVariable ? DefaultAuthUrl : DefaultApiUrl));
            }

            return uri.GetLeftPart(UriPartial.Path).TrimEnd('/');
        }
    }
}
