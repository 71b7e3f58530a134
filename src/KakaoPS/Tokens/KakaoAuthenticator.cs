using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using KakaoPS.Errors;
using KakaoPS.Http;
using KakaoPS.Models;
using KakaoPS.Resources;
using KakaoPS.Session;

namespace KakaoPS.Tokens
{
    /// <summary>
    /// Gets tokens (code exchange, refresh token) and keeps them usable: refreshes shortly before
    /// expiry and once after a -401, under the cross-process lock, so that a refresh token Kakao
    /// rotates is saved at once and never lost to a parallel process. A memory-only login
    /// (<see cref="TokenScope.Process"/>) lives in the session and never touches the file.
    /// </summary>
    internal sealed class KakaoAuthenticator
    {
        /// <summary>Refresh when the access token has less than this left.</summary>
        public static readonly TimeSpan RefreshMargin = TimeSpan.FromMinutes(5);

        private readonly KakaoSession _session;
        private readonly KakaoLog _log;
        private TokenSet? _required;

        public KakaoAuthenticator(KakaoSession session, KakaoEndpoints endpoints, TokenStore store, TokenScope scope, KakaoLog log,
            RetryPolicy? retry = null)
        {
            _session = session;
            Client = retry == null ? session.Client : session.Client.WithRetry(retry);
            Endpoints = endpoints;
            Store = store;
            Store.Warning = log.Warning;
            Store.Verbose = log.Verbose;
            Scope = scope;
            _log = log;
            LockTimeout = TokenStore.LockTimeout(retry ?? RetryPolicy.Default);
        }

        /// <summary>How long a command waits for the token file lock: longer than a refresh can hold it.</summary>
        public TimeSpan LockTimeout { get; }

        public TokenStore Store { get; }

        /// <summary>
        /// The REST API key to refresh with when the token file names none, as files written by the
        /// lesson's script do; it comes from -RestApiKey, KAKAO_REST_API_KEY or .env when asked for.
        /// </summary>
        public Func<string?>? FallbackClientId { get; set; }

        public KakaoEndpoints Endpoints { get; }

        public TokenScope Scope { get; }

        /// <summary>The HTTP client for this command, with its retry settings.</summary>
        public KakaoClient Client { get; }

        /// <summary>
        /// Asked before a new login replaces a saved login of another Kakao user (or of another
        /// app, or one whose user cannot be told); true replaces it. Unset means never.
        /// </summary>
        public Func<LoginReplacement, Task<bool>>? ConfirmReplacement { get; set; }

        /// <summary>Trades an authorization code for tokens and saves them. A failure leaves the file as it was.</summary>
        public async Task<TokenSet> ExchangeCodeAsync(string clientId, string redirectUri, string code, string? clientSecret,
            string? codeVerifier, CancellationToken cancellationToken)
        {
            CheckWritable();
            var form = new Dictionary<string, string?>
            {
                ["grant_type"] = "authorization_code",
                ["client_id"] = clientId,
                ["redirect_uri"] = redirectUri,
                ["code"] = code,
                ["client_secret"] = clientSecret,
                ["code_verifier"] = codeVerifier,
            };
            var response = await Client.RequestTokenAsync(Endpoints, form, _log, cancellationToken).ConfigureAwait(false);
            var tokens = Stamp(TokenSet.FromTokenResponse(response, DateTimeOffset.UtcNow), clientId, clientSecret, redirectUri);
            return await SaveNewLoginAsync(tokens, cancellationToken).ConfigureAwait(false);
        }

        /// <summary>Connects with a refresh token alone (CI): refreshes at once and saves the result.</summary>
        public async Task<TokenSet> ConnectWithRefreshTokenAsync(string clientId, string refreshToken, string? clientSecret,
            CancellationToken cancellationToken)
        {
            CheckWritable();
            var seed = TokenSet.FromRefreshToken(refreshToken, clientId, clientSecret);
            var response = await RequestRefreshAsync(seed, cancellationToken).ConfigureAwait(false);
            var tokens = Stamp(TokenSet.FromTokenResponse(response, DateTimeOffset.UtcNow, seed), clientId, clientSecret, redirectUri: null);
            tokens = await SaveNewLoginAsync(tokens, cancellationToken).ConfigureAwait(false);
            ReportIfRotated(seed, tokens);
            return tokens;
        }

        /// <summary>
        /// The saved tokens, refreshed first when they expire within <see cref="RefreshMargin"/>, or
        /// renewed when the refresh token is in its last month (<see cref="RefreshTokenRenewal"/>).
        /// </summary>
        public async Task<TokenSet> GetUsableTokensAsync(CancellationToken cancellationToken)
        {
            var tokens = Interlocked.Exchange(ref _required, null) ?? LoadRequired();
            if (tokens.AccessTokenExpiresAt - DateTimeOffset.UtcNow > RefreshMargin || tokens.RefreshToken == null)
            {
                return tokens.RefreshToken != null && RefreshTokenRenewal.IsDue(tokens.RefreshTokenExpiresAt, tokens.RenewalAttemptedAt, DateTimeOffset.UtcNow)
                    ? await RenewAsync(tokens, cancellationToken).ConfigureAwait(false)
                    : tokens;
            }

            _log.Verbose(string.Format(CultureInfo.CurrentCulture, TokenMessages.RefreshingFirst, ShownTime.Of(tokens.AccessTokenExpiresAt)));
            return await RefreshAsync(tokens, cancellationToken).ConfigureAwait(false);
        }

        /// <summary>
        /// Runs a kapi call with a usable access token; after a -401 it refreshes once and tries again.
        /// </summary>
        public async Task<T> CallAsync<T>(Func<string, Task<T>> call, CancellationToken cancellationToken)
        {
            var tokens = await GetUsableTokensAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                return await call(tokens.AccessToken).ConfigureAwait(false);
            }
            catch (KakaoException e) when (e.KakaoCode == "-401" && tokens.RefreshToken != null)
            {
                _log.Verbose(TokenMessages.RefreshingAfter401);
                tokens = await RefreshAsync(tokens, cancellationToken).ConfigureAwait(false);
                return await call(tokens.AccessToken).ConfigureAwait(false);
            }
        }

        /// <summary>
        /// The current tokens; a terminating NotConnected error when there are none. The next call to
        /// Kakao uses them without reading the file again: a command checks the login just before it calls.
        /// </summary>
        public TokenSet RequireTokens() => _required = LoadRequired();

        private TokenSet LoadRequired()
        {
            var tokens = Load() ?? throw new KakaoException("NotConnected", KakaoErrorKind.NotConnected,
                Scope == TokenScope.Process
                    ? TokenMessages.NotConnectedProcess
                    : string.Format(CultureInfo.CurrentCulture, TokenMessages.NotConnectedFile, Store.Path),
                TokenMessages.NotConnectedAction);
            CheckEndpoints(tokens);
            return tokens;
        }

        /// <summary>The current tokens, or null when not connected.</summary>
        public TokenSet? Load()
        {
            if (Scope == TokenScope.Process)
            {
                return _session.ProcessTokens;
            }

            return _session.Load(Store);
        }

        /// <summary>
        /// Forgets the login: deletes the token file under the lock refreshes hold, so a refresh in
        /// flight finishes first and cannot bring the login back; or drops the memory-only tokens.
        /// </summary>
        public async Task ForgetAsync(CancellationToken cancellationToken)
        {
            if (Scope == TokenScope.CurrentUser)
            {
                using (await Store.LockAsync(LockTimeout, cancellationToken).ConfigureAwait(false))
                {
                    Store.Delete();
                }
            }

            _session.Forget();
        }

        /// <summary>What the user may see of a login: never the tokens, unless asked for the refresh token.</summary>
        public KakaoContext Describe(TokenSet tokens, bool includeRefreshToken = false) => new KakaoContext
        {
            ClientId = tokens.ClientId,
            UserId = tokens.UserId,
            Scopes = tokens.Scopes,
            // Local, as every time shown is (the file keeps UTC).
            AccessTokenExpiresAt = tokens.AccessTokenExpiresAt.ToLocalTime(),
            RefreshTokenExpiresAt = tokens.RefreshTokenExpiresAt?.ToLocalTime(),
            TokenScope = Scope,
            TokenPath = Scope == TokenScope.Process ? null : Store.Path,
            AuthUrl = tokens.AuthUrl ?? Endpoints.AuthUrl,
            ApiUrl = tokens.ApiUrl ?? Endpoints.ApiUrl,
            ClientSecretSaved = !string.IsNullOrEmpty(tokens.ClientSecret),
            RefreshTokenRotated = RefreshTokenRotated,
            RefreshToken = includeRefreshToken ? SecureText.From(tokens.RefreshToken) : null,
        };

        /// <summary>
        /// Refreshes under the file lock. Another process may have refreshed meanwhile: then its
        /// newer tokens are used as they are, so Kakao is asked once and a rotated refresh token survives.
        /// </summary>
        private Task<TokenSet> RefreshAsync(TokenSet stale, CancellationToken cancellationToken) =>
            UnderRefreshLockAsync(stale, current => RefreshUnderLockAsync(stale, current, cancellationToken), cancellationToken);

        /// <summary>
        /// Runs <paramref name="work"/> on the current tokens under the lock refreshes take: the
        /// file lock for a saved login, the session's for a memory-only one.
        /// </summary>
        private async Task<TokenSet> UnderRefreshLockAsync(TokenSet loaded, Func<TokenSet, Task<TokenSet>> work, CancellationToken cancellationToken)
        {
            if (Scope == TokenScope.Process)
            {
                await _session.ProcessRefreshLock.WaitAsync(cancellationToken).ConfigureAwait(false);
                try
                {
                    return await work(_session.ProcessTokens ?? loaded).ConfigureAwait(false);
                }
                finally
                {
                    _session.ProcessRefreshLock.Release();
                }
            }

            using (await Store.LockAsync(LockTimeout, cancellationToken).ConfigureAwait(false))
            {
                Store.RecoverInterruptedWriteUnderLock();
                var current = Store.Read() ?? throw new KakaoException("NotConnected", KakaoErrorKind.NotConnected,
                    string.Format(CultureInfo.CurrentCulture, TokenMessages.TokenFileRemoved, Store.Path),
                    TokenMessages.LogInAgain);
                return await work(current).ConfigureAwait(false);
            }
        }

        /// <summary>
        /// Refreshes while the access token is still valid, so that Kakao issues a new refresh token
        /// in the old one's last month. The attempt is recorded with the tokens, so every process
        /// tries at most once a day; a failure never fails the command, which has a valid access token.
        /// </summary>
        private async Task<TokenSet> RenewAsync(TokenSet loaded, CancellationToken cancellationToken)
        {
            try
            {
                return await UnderRefreshLockAsync(loaded, current => RenewUnderLockAsync(current, cancellationToken), cancellationToken).ConfigureAwait(false);
            }
            catch (KakaoException e)
            {
                // The lock was busy too long, or the file went away: the loaded tokens still work.
                ReportRenewalFailure(e, DateTimeOffset.UtcNow);
                return loaded;
            }
        }

        private async Task<TokenSet> RenewUnderLockAsync(TokenSet current, CancellationToken cancellationToken)
        {
            var now = DateTimeOffset.UtcNow;
            if (current.RefreshToken == null || !RefreshTokenRenewal.IsDue(current.RefreshTokenExpiresAt, current.RenewalAttemptedAt, now))
            {
                // Another process renewed it, or tried today, while this one waited for the lock.
                Remember(current);
                return current;
            }

            _log.Verbose(string.Format(CultureInfo.CurrentCulture, RefreshTokenMessages.RenewalStarting, ShownTime.Of(current.RefreshTokenExpiresAt)));
            TokenSet renewed;
            try
            {
                current = WithFallbackClientId(current);
                var response = await RequestRefreshAsync(current, cancellationToken).ConfigureAwait(false);
                renewed = Stamp(TokenSet.FromTokenResponse(response, DateTimeOffset.UtcNow, current), current.ClientId, current.ClientSecret, current.RedirectUri);
            }
            catch (KakaoException e)
            {
                ReportRenewalFailure(e, now);
                renewed = current;
            }

            renewed = renewed.WithRenewalAttempt(now);
            if (Scope == TokenScope.CurrentUser)
            {
                Store.Write(renewed);
            }

            Remember(renewed);
            ReportIfRotated(current, renewed);
            return renewed;
        }

        /// <summary>
        /// A refused renewal is a warning: the login will end unless the user acts. A network failure
        /// or a busy Kakao only waits for the next day's try.
        /// </summary>
        private void ReportRenewalFailure(KakaoException e, DateTimeOffset attemptedAt)
        {
            var message = string.Format(CultureInfo.CurrentCulture, RefreshTokenMessages.RenewalFailed, e.Message, ShownTime.Of(attemptedAt + RefreshTokenRenewal.MinimumInterval));
            var transient = e.Kind == KakaoErrorKind.ConnectionError || e.Kind == KakaoErrorKind.OperationTimeout
                || e.Kind == KakaoErrorKind.ResourceUnavailable || e.Kind == KakaoErrorKind.QuotaExceeded;
            if (transient)
            {
                _log.Verbose(message);
            }
            else
            {
                _log.Warning(message);
            }
        }

        private async Task<TokenSet> RefreshUnderLockAsync(TokenSet stale, TokenSet current, CancellationToken cancellationToken)
        {
            if (current.AccessToken != stale.AccessToken && current.AccessTokenExpiresAt - DateTimeOffset.UtcNow > RefreshMargin)
            {
                _log.Verbose(TokenMessages.AlreadyRefreshed);
                Remember(current);
                return current;
            }

            current = WithFallbackClientId(current);
            var response = await RequestRefreshAsync(current, cancellationToken).ConfigureAwait(false);
            var refreshed = Stamp(TokenSet.FromTokenResponse(response, DateTimeOffset.UtcNow, current), current.ClientId, current.ClientSecret, current.RedirectUri);
            if (Scope == TokenScope.CurrentUser)
            {
                Store.Write(refreshed);
            }

            Remember(refreshed);
            ReportIfRotated(current, refreshed);
            _log.Verbose(string.Format(CultureInfo.CurrentCulture, TokenMessages.Refreshed, ShownTime.Of(refreshed.AccessTokenExpiresAt)));
            return refreshed;
        }

        /// <summary>True once Kakao issued a new refresh token to this authenticator (the old one then no longer works).</summary>
        public bool RefreshTokenRotated { get; private set; }

        /// <summary>
        /// Told each new refresh token once it is kept (saved to the file, or in memory): the
        /// tokens after the rotation. Set by the command, which hands it to the user's script block.
        /// </summary>
        public Action<TokenSet>? Rotated { get; set; }

        /// <summary>True when <see cref="Rotated"/> hands the new token to a script block of the user's, which stores it.</summary>
        public bool RotationsHandedOn { get; set; }

        /// <summary>
        /// A rotation is reported once the new token is kept: on the information stream, never as a warning
        /// that a strict $WarningPreference would turn into a failure after the old token stopped working.
        /// </summary>
        private void ReportIfRotated(TokenSet before, TokenSet after)
        {
            if (after.RefreshToken == before.RefreshToken)
            {
                return;
            }

            RefreshTokenRotated = true;
            Rotated?.Invoke(after);

            if (Scope == TokenScope.CurrentUser)
            {
                _log.Verbose(string.Format(CultureInfo.CurrentCulture, TokenMessages.RotatedSaved, ShownTime.Of(after.RefreshTokenExpiresAt), Store.Path));
                return;
            }

            if (RotationsHandedOn)
            {
                // The script block stores the token; if it fails, its own error says so.
                _log.Verbose(string.Format(CultureInfo.CurrentCulture, RefreshTokenMessages.RotatedHandedToScript, ShownTime.Of(after.RefreshTokenExpiresAt)));
                return;
            }

            _log.Information("RefreshTokenRotated",
                string.Format(CultureInfo.CurrentCulture, TokenMessages.RotatedMemoryOnly, ShownTime.Of(after.RefreshTokenExpiresAt)));
        }

        /// <summary>The tokens with the fallback REST API key when they name none (the lesson's file).</summary>
        private TokenSet WithFallbackClientId(TokenSet tokens) =>
            string.IsNullOrEmpty(tokens.ClientId) ? tokens.WithClientId(FallbackClientId?.Invoke()) : tokens;

        private Task<JsonElement> RequestRefreshAsync(TokenSet tokens, CancellationToken cancellationToken)
        {
            if (string.IsNullOrEmpty(tokens.ClientId))
            {
                throw new KakaoException("MissingRestApiKey", KakaoErrorKind.NotConnected,
                    TokenMessages.MissingRestApiKey,
                    TokenMessages.MissingRestApiKeyAction);
            }

            if (string.IsNullOrEmpty(tokens.RefreshToken))
            {
                throw new KakaoException("NoRefreshToken", KakaoErrorKind.NotConnected,
                    TokenMessages.NoRefreshToken,
                    TokenMessages.LogInAgain);
            }

            var form = new Dictionary<string, string?>
            {
                ["grant_type"] = "refresh_token",
                ["client_id"] = tokens.ClientId,
                ["refresh_token"] = tokens.RefreshToken,
                ["client_secret"] = tokens.ClientSecret,
            };
            return Client.RequestTokenAsync(Endpoints, form, _log, cancellationToken);
        }

        /// <summary>
        /// Saves a new login with the Kakao user id it belongs to. A saved login of another user is
        /// replaced only when <see cref="ConfirmReplacement"/> agrees: a .env in a cloned folder or a
        /// stray variable must not switch every later memo to someone else's account.
        /// </summary>
        private async Task<TokenSet> SaveNewLoginAsync(TokenSet tokens, CancellationToken cancellationToken)
        {
            tokens = tokens.WithUserId(await UserIdAsync(tokens, cancellationToken).ConfigureAwait(false));
            if (Scope == TokenScope.CurrentUser && await SavedLoginToReplaceAsync(tokens, cancellationToken).ConfigureAwait(false) is LoginReplacement replacement
                && !(ConfirmReplacement != null && await ConfirmReplacement(replacement).ConfigureAwait(false)))
            {
                throw replacement.Refused();
            }

            await SaveAsync(tokens, cancellationToken).ConfigureAwait(false);
            return tokens;
        }

        /// <summary>The saved login when it belongs to someone else than <paramref name="tokens"/>, or cannot be told apart; else null.</summary>
        private async Task<LoginReplacement?> SavedLoginToReplaceAsync(TokenSet tokens, CancellationToken cancellationToken)
        {
            TokenSet? saved;
            try
            {
                saved = Store.Read();
            }
            catch (KakaoException)
            {
                return null; // not a login; the write below deals with the file as it always does
            }

            if (saved == null || string.IsNullOrEmpty(saved.AccessToken) && string.IsNullOrEmpty(saved.RefreshToken))
            {
                return null;
            }

            var savedUser = saved.UserId;
            if (savedUser == null && (saved.Endpoints ?? DefaultEndpoints).Equals(Endpoints) && saved.AccessTokenExpiresAt > DateTimeOffset.UtcNow)
            {
                savedUser = await UserIdAsync(saved, cancellationToken).ConfigureAwait(false);
            }

            if (savedUser == null)
            {
                _log.Verbose(TokenMessages.UserUnknownReplaced);
                return null;
            }

            var sameApp = saved.ClientId == null || string.Equals(saved.ClientId, tokens.ClientId, StringComparison.Ordinal);
            return sameApp && tokens.UserId == savedUser
                ? null
                : new LoginReplacement(Store.Path, savedUser.Value, saved.ClientId, tokens.UserId, tokens.ClientId);
        }

        /// <summary>GET /v1/user/access_token_info with these tokens: the Kakao user id, or null when Kakao does not say.</summary>
        private async Task<long?> UserIdAsync(TokenSet tokens, CancellationToken cancellationToken)
        {
            try
            {
                var info = await Client.CallApiAsync(Endpoints, System.Net.Http.HttpMethod.Get, "/v1/user/access_token_info", tokens.AccessToken, null, _log, cancellationToken)
                    .ConfigureAwait(false);
                return info.TryGetProperty("id", out var id) && id.TryGetInt64(out var number) ? number : (long?)null;
            }
            catch (KakaoException e)
            {
                _log.Verbose(string.Format(CultureInfo.CurrentCulture, TokenMessages.UserIdUnreadable, e.Message));
                return null;
            }
        }

        private static KakaoEndpoints DefaultEndpoints => new KakaoEndpoints(KakaoEndpoints.DefaultAuthUrl, KakaoEndpoints.DefaultApiUrl);

        private async Task SaveAsync(TokenSet tokens, CancellationToken cancellationToken)
        {
            if (Scope == TokenScope.CurrentUser)
            {
                using (await Store.LockAsync(LockTimeout, cancellationToken).ConfigureAwait(false))
                {
                    Store.Write(tokens);
                }
            }

            Remember(tokens);
        }

        /// <summary>A new login must be savable before Kakao is asked: a code is used once and a refresh may rotate the token.</summary>
        private void CheckWritable()
        {
            if (Scope == TokenScope.CurrentUser)
            {
                Store.CheckWritable();
            }
        }

        private void Remember(TokenSet tokens)
        {
            if (Scope == TokenScope.Process)
            {
                _session.ProcessTokens = tokens;
            }
            else
            {
                _session.Saved(Store, tokens);
            }
        }

        private TokenSet Stamp(TokenSet tokens, string? clientId, string? clientSecret, string? redirectUri) =>
            tokens.WithLogin(clientId, clientSecret, redirectUri, Endpoints.AuthUrl, Endpoints.ApiUrl);

        /// <summary>
        /// Tokens go only to the hosts that issued them. A file that does not say (the lesson's)
        /// holds Kakao's own tokens, which never go to another host.
        /// </summary>
        private void CheckEndpoints(TokenSet tokens)
        {
            var issuer = tokens.Endpoints ?? DefaultEndpoints;
            if (!issuer.Equals(Endpoints))
            {
                var origin = tokens.Endpoints == null
                    ? string.Format(CultureInfo.CurrentCulture, TokenMessages.EndpointUnknownIssuer, issuer.ApiUrl)
                    : string.Format(CultureInfo.CurrentCulture, TokenMessages.EndpointIssuer, issuer.AuthUrl, issuer.ApiUrl);
                throw new KakaoException("TokenEndpointMismatch", KakaoErrorKind.InvalidArgument,
                    string.Format(CultureInfo.CurrentCulture, TokenMessages.EndpointMismatch, origin, Endpoints.ApiUrl),
                    TokenMessages.EndpointMismatchAction);
            }
        }
    }
}
