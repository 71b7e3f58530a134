using System;
using System.Net.Http;
using KakaoPS.Http;
using KakaoPS.Tokens;

namespace KakaoPS.Session
{
    /// <summary>
    /// The one process-wide session: the shared HttpClient, the memory-only login and the tokens
    /// of the token file last used. Every command goes through it.
    /// </summary>
    internal sealed class KakaoSession
    {
        private static readonly Lazy<KakaoSession> Shared = new Lazy<KakaoSession>(() => new KakaoSession());

        private KakaoSession()
        {
            // One HttpClient for the life of the process, as HttpClient is meant to be used. Each
            // attempt has its own timeout (RetryPolicy.RequestTimeout), and no redirect may carry
            // the bearer token to another host.
            var handler = new HttpClientHandler { AllowAutoRedirect = false };
            if (EnvironmentProxy.FromVariables(Environment.GetEnvironmentVariable) is EnvironmentProxy proxy)
            {
                // HTTPS_PROXY and NO_PROXY as PowerShell 7 reads them, on every edition (Windows PowerShell ignores them), except
                // that loopback always goes direct: .NET would send an http:// emulator's form, client secret and refresh
                // token included, to the proxy in clear text.
                handler.Proxy = proxy;
            }

            var http = new HttpClient(handler) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
            http.DefaultRequestHeaders.UserAgent.ParseAdd("KakaoPS/" + typeof(KakaoSession).Assembly.GetName().Version!.ToString(3));
            Client = new KakaoClient(http);
        }

        public static KakaoSession Instance => Shared.Value;

        public KakaoClient Client { get; }

        /// <summary>The token file this process used last, as read.</summary>
        public TokenFileCache TokenFiles { get; } = new TokenFileCache();

        /// <summary>The memory-only login of this process (Connect-Kakao -ContextScope Process), if any.</summary>
        public MemoryLoginStore Memory { get; } = new MemoryLoginStore();

        /// <summary>Refused logins whose refresh token Kakao had already replaced, held for a second try.</summary>
        public SupersededLogins Superseded { get; } = new SupersededLogins();

        /// <summary>Drops every login this process holds, saved or memory-only.</summary>
        public void Forget()
        {
            Memory.Delete();
            Superseded.Clear();
            TokenFiles.Forget();
        }
    }
}
