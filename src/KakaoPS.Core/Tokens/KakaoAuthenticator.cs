using System;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using KakaoPS.Errors;
using KakaoPS.Http;
using KakaoPS.Logging;
using KakaoPS.Models;
using KakaoPS.Resources;

namespace KakaoPS.Tokens
{
    /// <summary>
    /// The token lifecycle over a login's store (<see cref="ILoginStore"/>): keeps the tokens usable,
    /// refreshing shortly before expiry and once after a -401, renewing the refresh token in its
    /// last month, always under the store's lock so that a refresh token Kakao rotates is kept at
    /// once and never lost to a parallel command, and hands each rotation on. New logins are made
    /// by <see cref="LoginExchange"/>; what is asked of Kakao is in <see cref="TokenRequests"/>.
    /// </summary>
    internal sealed class KakaoAuthenticator
    {
        /// <summary>Refresh when the access token has less than this left.</summary>
        public static readonly TimeSpan RefreshMargin = TimeSpan.FromMinutes(5);

        private readonly KakaoLog _log;
        private readonly System.Collections.Concurrent.ConcurrentQueue<KakaoException> _reports = new System.Collections.Concurrent.ConcurrentQueue<KakaoException>();
        private TokenSet? _required;

        public KakaoAuthenticator(ILoginStore store, KakaoClient client, KakaoEndpoints endpoints, KakaoLog log, RetryPolicy? retry = null)
        {
            Store = store;
            Client = retry == null ? client : client.WithRetry(retry);
            Endpoints = endpoints;
            Requests = new TokenRequests(Client, endpoints, log);
            _log = log;
            LockTimeout = TokenStore.LockTimeout(retry ?? RetryPolicy.Default);
        }

        /// <summary>Where the login lives.</summary>
        public ILoginStore Store { get; }

        public KakaoEndpoints Endpoints { get; }

        /// <summary>The HTTP client for this command, with its retry settings.</summary>
        public KakaoClient Client { get; }

        public TokenRequests Requests { get; }

        internal KakaoLog Log => _log;

        /// <summary>How long a command waits for the login's lock: longer than a refresh can hold it.</summary>
        public TimeSpan LockTimeout { get; }

        /// <summary>
        /// The REST API key to refresh with when the token file names none, as files written by the
        /// lesson's script do; it comes from -RestApiKey, KAKAO_REST_API_KEY or .env when asked for.
        /// </summary>
        public Func<string?>? FallbackClientId { get; set; }

        /// <summary>
        /// Asked before a new login replaces a saved login of another Kakao user (or of another
        /// app, or one whose user cannot be told); true replaces it. Unset means never.
        /// </summary>
        public Func<LoginReplacement, Task<bool>>? ConfirmReplacement { get; set; }

        /// <summary>True once Kakao issued a new refresh token to this authenticator (the old one then no longer works).</summary>
        public bool RefreshTokenRotated { get; private set; }

        /// <summary>
        /// Told each new refresh token once it is kept in the store: the tokens after the rotation.
        /// Set by the command, which hands it to the user's script block.
        /// </summary>
        public Action<TokenSet>? Rotated { get; set; }

        /// <summary>Refused logins of this process whose refresh token Kakao had already replaced (<see cref="LoginExchange"/>).</summary>
        public SupersededLogins? Superseded { get; set; }

        /// <summary>True when <see cref="Rotated"/> hands the new token to a script block of the user's, which stores it.</summary>
        public bool RotationsHandedOn { get; set; }

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
        /// Kakao uses them without reading the store again: a command checks the login just before it calls.
        /// </summary>
        public TokenSet RequireTokens() => _required = LoadRequired();

        /// <summary>The current tokens, or null when not connected.</summary>
        public TokenSet? Load() => Store.Load();

        /// <summary>
        /// Forgets the login under the lock refreshes hold, so a refresh in flight finishes first
        /// and cannot bring the login back.
        /// </summary>
        public async Task ForgetAsync(CancellationToken cancellationToken)
        {
            using (await Store.LockAsync(LockTimeout, cancellationToken).ConfigureAwait(false))
            {
                Store.Delete();
            }
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
            TokenScope = Store.Scope,
            TokenPath = Store.FilePath,
            AuthUrl = tokens.AuthUrl ?? Endpoints.AuthUrl,
            ApiUrl = tokens.ApiUrl ?? Endpoints.ApiUrl,
            ClientSecretSaved = !string.IsNullOrEmpty(tokens.ClientSecret),
            RefreshTokenRotated = RefreshTokenRotated,
            RefreshToken = includeRefreshToken ? SecureText.From(tokens.RefreshToken) : null,
        };

        /// <summary>
        /// The one place where tokens Kakao has just issued meet the store; called under the store's
        /// lock, after Kakao answered. Kept, they are handed on when the refresh token changed from
        /// <paramref name="before"/>'s; a store that could not take them says why in the result, and
        /// the caller decides what the user is told.
        /// </summary>
        internal KeptTokens KeepIssued(TokenSet? before, TokenSet issued, bool report = true)
        {
            try
            {
                Store.Write(issued);
            }
            catch (KakaoException e)
            {
                // Kakao has answered: the issued tokens may be the only live ones. They stay with this process (and a
                // temp file when the write got that far), go to the user's script block, and only then is the failure told.
                var rotated = before != null && issued.RefreshToken != before.RefreshToken;
                if (rotated)
                {
                    RefreshTokenRotated = true;
                    Rotated?.Invoke(issued);
                }

                var unsaved = Store.KeepUnsaved(issued, e, rotated, rotated && RotationsHandedOn, newLogin: before == null);
                if (report)
                {
                    _reports.Enqueue(unsaved);
                }

                return KeptTokens.NotKept(issued, unsaved);
            }

            if (before != null)
            {
                ReportIfRotated(before, issued);
            }

            return KeptTokens.InStore(issued);
        }

        /// <summary>
        /// What went wrong after Kakao answered and did not stop the command (new tokens that the store could not
        /// take); the command reports each once, after its own output. Taking them empties the list.
        /// </summary>
        public System.Collections.Generic.IReadOnlyList<KakaoException> TakeReports()
        {
            var taken = new System.Collections.Generic.List<KakaoException>();
            while (_reports.TryDequeue(out var report))
            {
                taken.Add(report);
            }

            return taken;
        }

        /// <summary>Hands a new refresh token that no store keeps (a refused login's) to the user's script block.</summary>
        internal void HandOn(TokenSet rotated)
        {
            RefreshTokenRotated = true;
            Rotated?.Invoke(rotated);
        }

        /// <summary>The tokens with the fallback REST API key when they name none (the lesson's file).</summary>
        internal TokenSet WithFallbackClientId(TokenSet tokens) =>
            string.IsNullOrEmpty(tokens.ClientId) ? tokens.WithClientId(FallbackClientId?.Invoke()) : tokens;

        private TokenSet LoadRequired()
        {
            var tokens = Load() ?? throw Store.NotConnected();
            CheckEndpoints(tokens);
            return tokens;
        }

        /// <summary>
        /// Refreshes under the store's lock. Another command may have refreshed meanwhile: then its
        /// newer tokens are used as they are, so Kakao is asked once and a rotated refresh token survives.
        /// </summary>
        private async Task<TokenSet> RefreshAsync(TokenSet stale, CancellationToken cancellationToken)
        {
            using (await Store.LockAsync(LockTimeout, cancellationToken).ConfigureAwait(false))
            {
                var current = Store.ReadLocked(stale);
                if (current.AccessToken != stale.AccessToken && current.AccessTokenExpiresAt - DateTimeOffset.UtcNow > RefreshMargin)
                {
                    _log.Verbose(TokenMessages.AlreadyRefreshed);
                    return current;
                }

                // Room for the new tokens first: a store that cannot take them fails before Kakao replaces anything.
                using (Store.Reserve())
                {
                    var refreshed = await Requests.RefreshAsync(WithFallbackClientId(current), cancellationToken).ConfigureAwait(false);
                    if (KeepIssued(current, refreshed).Kept)
                    {
                        _log.Verbose(string.Format(CultureInfo.CurrentCulture, TokenMessages.Refreshed, ShownTime.Of(refreshed.AccessTokenExpiresAt)));
                    }

                    // Kept or not, they are the live tokens: the command goes on with them and reports the failure after.
                    return refreshed;
                }
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
                using (await Store.LockAsync(LockTimeout, cancellationToken).ConfigureAwait(false))
                {
                    return await RenewUnderLockAsync(Store.ReadLocked(loaded), cancellationToken).ConfigureAwait(false);
                }
            }
            catch (KakaoException e) when (e.ErrorId == "TokenLockUnavailable")
            {
                // Found before Kakao was asked (a read-only folder): nothing was tried, so nothing waits a day.
                _log.Warning(string.Format(CultureInfo.CurrentCulture, RefreshTokenMessages.RenewalPostponed, e.Message, ShownTime.Of(loaded.RefreshTokenExpiresAt)));
                return loaded;
            }
            catch (KakaoException e)
            {
                // The lock was busy too long, or the login went away: the loaded tokens still work.
                ReportRenewalFailure(e, DateTimeOffset.UtcNow);
                return loaded;
            }
        }

        private async Task<TokenSet> RenewUnderLockAsync(TokenSet current, CancellationToken cancellationToken)
        {
            var now = DateTimeOffset.UtcNow;
            if (current.RefreshToken == null || !RefreshTokenRenewal.IsDue(current.RefreshTokenExpiresAt, current.RenewalAttemptedAt, now))
            {
                // Another command renewed it, or tried today, while this one waited for the lock.
                return current;
            }

            IDisposable room;
            try
            {
                room = Store.Reserve();
            }
            catch (KakaoException e)
            {
                // Found before Kakao was asked: the saved refresh token still works, and the command goes on.
                _log.Warning(string.Format(CultureInfo.CurrentCulture, RefreshTokenMessages.RenewalPostponed, e.Message, ShownTime.Of(current.RefreshTokenExpiresAt)));
                return current;
            }

            using (room)
            {
                _log.Verbose(string.Format(CultureInfo.CurrentCulture, RefreshTokenMessages.RenewalStarting, ShownTime.Of(current.RefreshTokenExpiresAt)));
                TokenSet renewed;
                try
                {
                    current = WithFallbackClientId(current);
                    renewed = await Requests.RefreshAsync(current, cancellationToken).ConfigureAwait(false);
                }
                catch (KakaoException e)
                {
                    ReportRenewalFailure(e, now);
                    renewed = current;
                }

                // The attempt is kept with the tokens, renewed or not, so that every command waits a day before the next.
                // Tokens the store could not take are still the live ones; only a new refresh token's loss is worth a report.
                return KeepIssued(current, renewed.WithRenewalAttempt(now), report: !ReferenceEquals(renewed, current)).Tokens;
            }
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

        /// <summary>
        /// A rotation is reported once the new token is kept, by the store that keeps it: never as a warning
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
            Store.ReportRotation(after, RotationsHandedOn, _log);
        }

        internal static KakaoEndpoints DefaultEndpoints => new KakaoEndpoints(KakaoEndpoints.DefaultAuthUrl, KakaoEndpoints.DefaultApiUrl);

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
