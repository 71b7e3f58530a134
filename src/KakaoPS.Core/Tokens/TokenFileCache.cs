using System;

namespace KakaoPS.Tokens
{
    /// <summary>
    /// The tokens of the token file this process used last, with the bytes they were read from, so
    /// that a command does not parse the file again while it is unchanged. One per process, in the
    /// session; guarded by one lock.
    /// </summary>
    internal sealed class TokenFileCache
    {
        private readonly object _gate = new object();
        private TokenSet? _tokens;
        private string? _tokenPath;
        private byte[]? _loadedContent;

        /// <summary>True while <see cref="_tokens"/> are newer than the file holds (Kakao replaced the refresh token and the file could not take it).</summary>
        private bool _unsaved;

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
                if (!samePath || _tokens == null || _unsaved)
                {
                    store.RecoverInterruptedWrite();
                }

                var content = store.ReadContent(accepted: samePath ? _loadedContent : null);
                // Unchanged: the same bytes, or (tokens the file could not take) still no file at all.
                var unchanged = content != null ? ReferenceEquals(content, _loadedContent) : samePath && _unsaved && _loadedContent == null;
                if (_tokens != null && unchanged)
                {
                    return _tokens;
                }

                var tokens = store.Parse(content);
                Remember(store, tokens, content);
                _unsaved = store.ReadsUnadopted;
                return tokens;
            }
        }

        /// <summary>Called after the tokens were saved to <paramref name="store"/>, or read from it under its lock.</summary>
        public void Saved(TokenStore store, TokenSet tokens)
        {
            lock (_gate)
            {
                Remember(store, tokens, tokens.ToJson());
            }
        }

        /// <summary>
        /// Tokens Kakao issued that <paramref name="store"/> could not take, while the file still holds
        /// <paramref name="fileContent"/>: this process goes on with them, and tries to put the temp file
        /// they were kept in in place at each later read, until the file changes.
        /// </summary>
        public void Unsaved(TokenStore store, TokenSet tokens, byte[]? fileContent)
        {
            lock (_gate)
            {
                Remember(store, tokens, fileContent);
                _unsaved = true;
            }
        }

        public void Forget()
        {
            lock (_gate)
            {
                Remember(null, null, null);
            }
        }

        private void Remember(TokenStore? store, TokenSet? tokens, byte[]? content)
        {
            _tokens = tokens;
            _unsaved = false;
            _tokenPath = store?.Path;
            _loadedContent = content;
        }
    }
}
