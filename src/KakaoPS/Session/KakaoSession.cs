using System;
using System.Linq;
using System.Net.Http;
using KakaoPS.Http;
using KakaoPS.Tokens;

namespace KakaoPS.Session
{
    /// <summary>
    /// The one process-wide session: the shared HttpClient and the tokens last loaded or saved,
    /// with the file they came from. Every command goes through it; it is guarded by one lock.
    /// </summary>
    internal sealed class KakaoSession
    {
        private static readonly Lazy<KakaoSession> Shared = new Lazy<KakaoSession>(() => new KakaoSession());

        private readonly object _gate = new object();
        private TokenSet? _processTokens;
        private TokenSet? _tokens;
        private string? _tokenPath;
        private byte[]? _loadedContent;

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
        /// The tokens of <paramref name="store"/>: the ones in memory while the file holds what
        /// they were read from, else what another process wrote there since. The content is
        /// compared, not the write time, which may not change between two quick writes. A write
        /// another process left unfinished is looked for when this process first reads the file;
        /// after that only before a refresh (under the lock), the one time its refresh token matters.
        /// </summary>
        public TokenSet? Load(TokenStore store)
        {
            lock (_gate)
            {
                var samePath = string.Equals(_tokenPath, store.Path, StringComparison.Ordinal);
                if (!samePath || _tokens == null)
                {
                    store.RecoverInterruptedWrite();
                }

                var content = store.ReadContent(accepted: samePath ? _loadedContent : null);
                if (_tokens != null && content != null && ReferenceEquals(content, _loadedContent))
                {
                    return _tokens;
                }

                var tokens = store.Parse(content);
                Remember(store, tokens, content);
                return tokens;
            }
        }

        /// <summary>Called after the tokens were saved to <paramref name="store"/>.</summary>
        public void Saved(TokenStore store, TokenSet tokens)
        {
            lock (_gate)
            {
                Remember(store, tokens, tokens.ToJson());
            }
        }

        /// <summary>Drops every login this process holds, saved or memory-only.</summary>
        public void Forget()
        {
            lock (_gate)
            {
                _processTokens = null;
                Remember(null, null, null);
            }
        }

        private void Remember(TokenStore? store, TokenSet? tokens, byte[]? content)
        {
            _tokens = tokens;
            _tokenPath = store?.Path;
            _loadedContent = content;
        }
    }
}
