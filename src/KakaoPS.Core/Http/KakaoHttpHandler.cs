using System;
using System.Net.Http;
using System.Security.Authentication;

namespace KakaoPS.Http
{
    /// <summary>The settings of the one HTTP handler every request to Kakao goes through.</summary>
    internal static class KakaoHttpHandler
    {
        /// <summary>True on .NET Framework (Windows PowerShell 5.1), whose defaults are older than the web's.</summary>
        public static bool OnNetFramework { get; } = typeof(object).Assembly.GetName().Name == "mscorlib";

        public static HttpClientHandler Create() => Create(OnNetFramework, Environment.GetEnvironmentVariable);

        public static HttpClientHandler Create(bool onNetFramework, Func<string, string?> environment)
        {
            // No redirect may carry the bearer token to another host.
            var handler = new HttpClientHandler { AllowAutoRedirect = false };
            if (onNetFramework)
            {
                // powershell.exe runs as a .NET 4.0 application, which may still offer SSL 3 and TLS 1.0
                // and nothing newer; Kakao takes TLS 1.2 or newer. Set here, not process-wide, so the
                // rest of the user's session keeps its own choice.
                handler.SslProtocols = SslProtocols.Tls12;
            }

            if (EnvironmentProxy.FromVariables(environment) is EnvironmentProxy proxy)
            {
                // HTTPS_PROXY and NO_PROXY as PowerShell 7 reads them, on every edition (Windows PowerShell ignores
                // them), except that loopback always goes direct: .NET would send an http:// emulator's form,
                // client secret and refresh token included, to the proxy in clear text.
                handler.Proxy = proxy;
            }

            return handler;
        }
    }
}
