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
            // attempt has its own timeout (RetryPolicy.RequestTimeout).
            var http = new HttpClient(KakaoHttpHandler.Create()) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
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
