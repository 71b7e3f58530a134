using System;
using System.Threading;
using System.Threading.Tasks;
using KakaoPS.Errors;
using KakaoPS.Resources;

namespace KakaoPS.Tokens
{
    /// <summary>
    /// Makes a new login: trades an authorization code, or a refresh token alone (CI), for tokens
    /// and keeps them in the login's store, with the Kakao user id they belong to. A failure leaves
    /// the store as it was.
    /// </summary>
    internal sealed class LoginExchange
    {
        private readonly KakaoAuthenticator _auth;

        public LoginExchange(KakaoAuthenticator auth)
        {
            _auth = auth;
        }

        private ILoginStore Store => _auth.Store;

        /// <summary>Trades an authorization code for tokens and keeps them.</summary>
        public async Task<TokenSet> ExchangeCodeAsync(string clientId, string redirectUri, string code, string? clientSecret,
            string? codeVerifier, CancellationToken cancellationToken)
        {
            CheckWritable();
            var tokens = await _auth.Requests.ExchangeCodeAsync(clientId, redirectUri, code, clientSecret, codeVerifier, cancellationToken).ConfigureAwait(false);
            return await KeepNewLoginAsync(before: null, tokens, cancellationToken).ConfigureAwait(false);
        }

        /// <summary>Connects with a refresh token alone (CI): refreshes at once and keeps the result.</summary>
        public async Task<TokenSet> ConnectWithRefreshTokenAsync(string clientId, string refreshToken, string? clientSecret,
            CancellationToken cancellationToken)
        {
            CheckWritable();
            var seed = TokenSet.FromRefreshToken(refreshToken, clientId, clientSecret);
            var tokens = _auth.Superseded?.Find(refreshToken, clientId)
                ?? await _auth.Requests.RefreshAsync(seed, cancellationToken).ConfigureAwait(false);

            // Kakao may have replaced the token the login is made from: from here on the new one is the only live
            // one. It is held for this process at once, so that whatever stops the login (a refusal, Ctrl+C, a
            // lock that stays taken) the same command run again takes it instead of asking with a dead token.
            var rotated = tokens.RefreshToken != refreshToken;
            if (rotated)
            {
                _auth.Superseded?.Hold(refreshToken, tokens);
            }

            TokenSet kept;
            try
            {
                kept = await KeepNewLoginAsync(seed, tokens, cancellationToken).ConfigureAwait(false);
            }
            catch when (rotated)
            {
                if (!_auth.RefreshTokenRotated)
                {
                    _auth.HandOn(tokens);
                }

                throw;
            }

            _auth.Superseded?.Release(refreshToken);
            return kept;
        }

        /// <summary>
        /// Before a code is used (once) or a refresh token is traded (Kakao may replace it): the store must be able to
        /// take the tokens, room for them included, so a full disk or a read-only folder fails before the request.
        /// </summary>
        private void CheckWritable()
        {
            Store.CheckWritable();
            Store.Reserve().Dispose();
        }

        /// <summary>
        /// Keeps a new login with the Kakao user id it belongs to. A saved login of another user is
        /// replaced only when <see cref="KakaoAuthenticator.ConfirmReplacement"/> agrees: a .env in a
        /// cloned folder or a stray variable must not switch every later memo to someone else's account.
        /// </summary>
        private async Task<TokenSet> KeepNewLoginAsync(TokenSet? before, TokenSet tokens, CancellationToken cancellationToken)
        {
            tokens = tokens.WithUserId(await _auth.Requests.UserIdAsync(tokens, cancellationToken).ConfigureAwait(false));
            if (await SavedLoginToReplaceAsync(tokens, cancellationToken).ConfigureAwait(false) is LoginReplacement replacement
                && !(_auth.ConfirmReplacement != null && await _auth.ConfirmReplacement(replacement).ConfigureAwait(false)))
            {
                if (before?.RefreshToken is string replaced && tokens.RefreshToken != replaced && _auth.Superseded != null)
                {
                    // Kakao has already replaced the token the login was made from: the new one is held and handed on
                    // (ConnectWithRefreshTokenAsync), so that the remedies (-Force, -ContextScope Process) work with the
                    // same command line.
                    throw replacement.RefusedAfterRotation(_auth.RotationsHandedOn);
                }

                throw replacement.Refused();
            }

            using (await Store.LockAsync(_auth.LockTimeout, cancellationToken).ConfigureAwait(false))
            {
                var kept = _auth.KeepIssued(before, tokens, report: false);
                return kept.Failure is KakaoException failure ? throw failure : kept.Tokens;
            }
        }

        /// <summary>The saved login when it belongs to someone else than <paramref name="tokens"/>, or cannot be told apart; else null.</summary>
        private async Task<LoginReplacement?> SavedLoginToReplaceAsync(TokenSet tokens, CancellationToken cancellationToken)
        {
            var saved = Store.ReadForReplacement();
            if (saved == null || string.IsNullOrEmpty(saved.AccessToken) && string.IsNullOrEmpty(saved.RefreshToken))
            {
                return null;
            }

            var savedUser = saved.UserId;
            if (savedUser == null && (saved.Endpoints ?? KakaoAuthenticator.DefaultEndpoints).Equals(_auth.Endpoints) && saved.AccessTokenExpiresAt > DateTimeOffset.UtcNow)
            {
                savedUser = await _auth.Requests.UserIdAsync(saved, cancellationToken).ConfigureAwait(false);
            }

            if (savedUser == null)
            {
                _auth.Log.Verbose(TokenMessages.UserUnknownReplaced);
                return null;
            }

            var sameApp = saved.ClientId == null || string.Equals(saved.ClientId, tokens.ClientId, StringComparison.Ordinal);
            return sameApp && tokens.UserId == savedUser
                ? null
                : new LoginReplacement(Store.FilePath ?? Store.Target, savedUser.Value, saved.ClientId, tokens.UserId, tokens.ClientId);
        }
    }
}
