using System;
using System.Net.Http;
using KakaoPS.Auth;

namespace KakaoPS.Kakao
{
    /// <summary>
    /// The one process-wide session: the shared HttpClient and the tokens last loaded or saved,
    /// with the file they came from. Every command goes through it; it is guarded by one lock.
    /// </summary>
    public sealed class KakaoSession
    {
        private static readonly Lazy<KakaoSession> Shared = new Lazy<KakaoSession>(() => new KakaoSession());

        private readonly object _gate = new object();
        private TokenSet? _processTokens;
        private TokenSet? _tokens;
        private string? _tokenPath;
        private DateTime _loadedStamp;

        private KakaoSession()
        {
            // One HttpClient for the life of the process, as HttpClient is meant to be used.
            var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
            http.DefaultRequestHeaders.UserAgent.ParseAdd("KakaoPS/" + typeof(KakaoSession).Assembly.GetName().Version!.ToString(3));
            Client = new KakaoClient(http);
        }

        public static KakaoSession Instance => Shared.Value;

        public KakaoClient Client { get; }

        /// <summary>Serializes refreshes of a memory-only login, as the lock file does for a saved one.</summary>
        public System.Threading.SemaphoreSlim ProcessRefreshLock { get; } = new System.Threading.SemaphoreSlim(1, 1);

        /// <summary>Tokens of a login kept in memory only (Connect-Kakao -Scope Process); null otherwise.</summary>
        public TokenSet? ProcessTokens
        {
            get
            {
                lock (_gate)
                {
                    return _processTokens;
                }
            }

            set
            {
                lock (_gate)
                {
                    _processTokens = value;
                }
            }
        }

        /// <summary>
        /// The tokens of <paramref name="store"/>: the ones in memory while the file is unchanged,
        /// else read again from disk.
        /// </summary>
        public TokenSet? Load(TokenStore store)
        {
            lock (_gate)
            {
                var stamp = store.LastWriteUtc;
                if (_tokens != null && string.Equals(_tokenPath, store.Path, StringComparison.Ordinal) && stamp == _loadedStamp)
                {
                    return _tokens;
                }

                var tokens = store.Read();
                Remember(store, tokens, stamp);
                return tokens;
            }
        }

        /// <summary>Called after the tokens were saved to <paramref name="store"/>.</summary>
        public void Saved(TokenStore store, TokenSet tokens)
        {
            lock (_gate)
            {
                Remember(store, tokens, store.LastWriteUtc);
            }
        }

        /// <summary>Drops every login this process holds, saved or memory-only.</summary>
        public void Forget()
        {
            lock (_gate)
            {
                _processTokens = null;
                Remember(null, null, DateTime.MinValue);
            }
        }

        private void Remember(TokenStore? store, TokenSet? tokens, DateTime stamp)
        {
            _tokens = tokens;
            _tokenPath = store?.Path;
            _loadedStamp = stamp;
        }
    }
}
