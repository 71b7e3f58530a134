using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;

namespace KakaoPS.Http
{
    /// <summary>
    /// The proxy that HTTPS_PROXY, HTTP_PROXY, ALL_PROXY and NO_PROXY name, by the rules .NET
    /// (PowerShell 7) applies to them, read by the module itself on every edition: .NET Framework
    /// (Windows PowerShell 5.1) ignores these variables, and .NET sends loopback to the proxy too.
    /// </summary>
    internal sealed class EnvironmentProxy : IWebProxy
    {
        private static readonly char[] Colon = { ':' };

        private readonly Uri? _httpProxy;
        private readonly Uri? _httpsProxy;
        private readonly string[] _bypass;
        private readonly bool _bypassAll;

        private EnvironmentProxy(Uri? httpProxy, Uri? httpsProxy, string[] bypass)
        {
            _httpProxy = httpProxy;
            _httpsProxy = httpsProxy;
            _bypassAll = bypass.Contains("*");
            _bypass = bypass;
        }

        public ICredentials? Credentials { get; set; }

        /// <summary>
        /// The proxy the variables name, or null when they name none. The lower-case name wins over
        /// the upper-case one; a value without a scheme is an http:// proxy; user:password@ in the
        /// value becomes the proxy's credentials. A value that is not a URL is ignored, as .NET does.
        /// </summary>
        public static EnvironmentProxy? FromVariables(Func<string, string?> read)
        {
            string? Read(string name) => NonEmpty(read(name.ToLowerInvariant())) ?? NonEmpty(read(name));

            var all = ParseProxy(Read("ALL_PROXY"));
            // Under CGI, HTTP_PROXY is the client's Proxy header (httpoxy): only http_proxy counts there.
            var httpValue = NonEmpty(read("http_proxy")) ?? (NonEmpty(read("GATEWAY_INTERFACE")) == null ? NonEmpty(read("HTTP_PROXY")) : null);
            var http = ParseProxy(httpValue) ?? all;
            var https = ParseProxy(Read("HTTPS_PROXY")) ?? all;
            if (http == null && https == null)
            {
                return null;
            }

            var bypass = (Read("NO_PROXY") ?? "")
                .Split(',')
                .Select(NormalizeBypassEntry)
                .Where(entry => entry.Length > 0)
                .ToArray();
            var proxy = new EnvironmentProxy(http, https, bypass);
            var userInfo = (https ?? http)!.UserInfo;
            if (userInfo.Length > 0)
            {
                var parts = userInfo.Split(Colon, 2);
                proxy.Credentials = new NetworkCredential(Uri.UnescapeDataString(parts[0]), parts.Length > 1 ? Uri.UnescapeDataString(parts[1]) : "");
            }

            return proxy;
        }

        public Uri? GetProxy(Uri destination) =>
            IsBypassed(destination) ? null : ProxyFor(destination);

        /// <summary>Loopback, a scheme without a proxy, and every host NO_PROXY names go direct.</summary>
        public bool IsBypassed(Uri host)
        {
            if (host.IsLoopback || ProxyFor(host) == null || _bypassAll)
            {
                return true;
            }

            var name = host.IdnHost.Trim('[', ']').TrimEnd('.');
            foreach (var entry in _bypass)
            {
                // "example.com", ".example.com" and "*.example.com" all cover example.com and its subdomains.
                if (string.Equals(name, entry, StringComparison.OrdinalIgnoreCase)
                    || name.EndsWith("." + entry, StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }

            return false;
        }

        private Uri? ProxyFor(Uri destination) =>
            destination.Scheme == Uri.UriSchemeHttps ? _httpsProxy
            : destination.Scheme == Uri.UriSchemeHttp ? _httpProxy
            : null;

        private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value!.Trim();

        private static Uri? ParseProxy(string? value)
        {
            if (value == null)
            {
                return null;
            }

            var text = value.IndexOf("://", StringComparison.Ordinal) < 0 ? "http://" + value : value;
            return Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttp ? uri : null;
        }

        /// <summary>"*.example.com", ".example.com" and "example.com:443" all mean example.com.</summary>
        private static string NormalizeBypassEntry(string entry)
        {
            var text = entry.Trim();
            if (text == "*")
            {
                return text;
            }

            if (text.StartsWith("*.", StringComparison.Ordinal))
            {
                text = text.Substring(2);
            }

            text = text.TrimStart('.');
            var bracket = text.LastIndexOf(']');
            var colon = text.LastIndexOf(':');
            if (colon > bracket && text.IndexOf(':') == colon)
            {
                text = text.Substring(0, colon);   // a port; an IPv6 address keeps its colons
            }

            return text.Trim('[', ']').TrimEnd('.');
        }
    }
}
