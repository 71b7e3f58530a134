using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using KakaoPS.Kakao;

namespace KakaoPS.Auth
{
    /// <summary>
    /// Gets tokens (code exchange, refresh token) and keeps them usable: refreshes shortly before
    /// expiry and once after a -401, under the cross-process lock, so that a refresh token Kakao
    /// rotates is saved at once and never lost to a parallel process.
    /// </summary>
    public sealed class KakaoAuthenticator
    {
        /// <summary>Refresh when the access token has less than this left.</summary>
        public static readonly TimeSpan RefreshMargin = TimeSpan.FromMinutes(5);

        private static readonly TimeSpan LockTimeout = TimeSpan.FromSeconds(30);

        private readonly KakaoSession _session;
        private readonly KakaoEndpoints _endpoints;
        private readonly TokenStore _store;
        private readonly KakaoLog _log;

        public KakaoAuthenticator(KakaoSession session, KakaoEndpoints endpoints, TokenStore store, KakaoLog log, RetryPolicy? retry = null)
        {
            _session = session;
            Client = retry == null ? session.Client : session.Client.WithRetry(retry);
            _endpoints = endpoints;
            _store = store;
            _log = log;
        }

        public TokenStore Store => _store;

        /// <summary>The HTTP client for this command, with its retry settings.</summary>
        public KakaoClient Client { get; }

        public KakaoEndpoints Endpoints => _endpoints;

        /// <summary>Trades an authorization code for tokens and saves them. A failure leaves the file as it was.</summary>
        public async Task<TokenSet> ExchangeCodeAsync(string clientId, string redirectUri, string code, string? clientSecret,
            string? codeVerifier, CancellationToken cancellationToken)
        {
            var form = new Dictionary<string, string?>
            {
                ["grant_type"] = "authorization_code",
                ["client_id"] = clientId,
                ["redirect_uri"] = redirectUri,
                ["code"] = code,
                ["client_secret"] = clientSecret,
                ["code_verifier"] = codeVerifier,
            };
            var response = await Client.RequestTokenAsync(_endpoints, form, _log, cancellationToken).ConfigureAwait(false);
            var tokens = TokenSet.FromTokenResponse(response, DateTimeOffset.UtcNow);
            Stamp(tokens, clientId, clientSecret, redirectUri);
            Save(tokens, cancellationToken);
            _log.Verbose($"Saved the tokens to {_store.Path} (scopes: {tokens.Scope ?? "none"}).");
            return tokens;
        }

        /// <summary>Connects with a refresh token alone (CI): refreshes at once and saves the result.</summary>
        public async Task<TokenSet> ConnectWithRefreshTokenAsync(string clientId, string refreshToken, string? clientSecret,
            CancellationToken cancellationToken)
        {
            var seed = new TokenSet { RefreshToken = refreshToken, ClientId = clientId, ClientSecret = clientSecret };
            var response = await RequestRefreshAsync(seed, cancellationToken).ConfigureAwait(false);
            var tokens = TokenSet.FromTokenResponse(response, DateTimeOffset.UtcNow, seed);
            Stamp(tokens, clientId, clientSecret, redirectUri: null);
            Save(tokens, cancellationToken);
            return tokens;
        }

        /// <summary>The saved tokens, refreshed first when they expire within <see cref="RefreshMargin"/>.</summary>
        public async Task<TokenSet> GetUsableTokensAsync(CancellationToken cancellationToken)
        {
            var tokens = RequireTokens();
            if (tokens.AccessTokenExpiresAt - DateTimeOffset.UtcNow > RefreshMargin || tokens.RefreshToken == null)
            {
                return tokens;
            }

            _log.Verbose($"The access token expires at {tokens.AccessTokenExpiresAt:u}; refreshing it first.");
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
                _log.Verbose("Kakao refused the access token (-401); refreshing it and trying once more.");
                tokens = await RefreshAsync(tokens, cancellationToken).ConfigureAwait(false);
                return await call(tokens.AccessToken).ConfigureAwait(false);
            }
        }

        /// <summary>The saved tokens; a terminating NotConnected error when there are none.</summary>
        public TokenSet RequireTokens()
        {
            var tokens = _session.Load(_store) ?? throw new KakaoException("NotConnected", KakaoErrorKind.NotConnected,
                $"Not connected to Kakao: there is no token file at '{_store.Path}'.",
                "Run Connect-Kakao first (or Get-KakaoAuthUrl -Open, then Connect-Kakao -Code <code>).");
            CheckEndpoints(tokens);
            return tokens;
        }

        /// <summary>
        /// Refreshes under the file lock. Another process may have refreshed meanwhile: then its
        /// newer tokens are used as they are, so Kakao is asked once and a rotated refresh token survives.
        /// </summary>
        private async Task<TokenSet> RefreshAsync(TokenSet stale, CancellationToken cancellationToken)
        {
            using (_store.Lock(LockTimeout, cancellationToken))
            {
                var current = _store.Read() ?? throw new KakaoException("NotConnected", KakaoErrorKind.NotConnected,
                    $"The token file '{_store.Path}' was removed while KakaoPS was using it (Disconnect-Kakao in another window?).",
                    "Run Connect-Kakao to log in again.");
                if (current.AccessToken != stale.AccessToken && current.AccessTokenExpiresAt - DateTimeOffset.UtcNow > RefreshMargin)
                {
                    _log.Verbose("Another process already refreshed the tokens; using them.");
                    _session.Saved(_store, current);
                    return current;
                }

                var response = await RequestRefreshAsync(current, cancellationToken).ConfigureAwait(false);
                var refreshed = TokenSet.FromTokenResponse(response, DateTimeOffset.UtcNow, current);
                Stamp(refreshed, current.ClientId, current.ClientSecret, current.RedirectUri);
                _store.Write(refreshed);
                _session.Saved(_store, refreshed);
                _log.Verbose(refreshed.RefreshToken != current.RefreshToken
                    ? $"Refreshed the tokens; Kakao issued a new refresh token (valid until {refreshed.RefreshTokenExpiresAt:u}), saved to {_store.Path}."
                    : $"Refreshed the access token (valid until {refreshed.AccessTokenExpiresAt:u}).");
                return refreshed;
            }
        }

        private Task<System.Text.Json.JsonElement> RequestRefreshAsync(TokenSet tokens, CancellationToken cancellationToken)
        {
            if (string.IsNullOrEmpty(tokens.ClientId))
            {
                throw new KakaoException("MissingRestApiKey", KakaoErrorKind.NotConnected,
                    "The token file does not say which REST API key it belongs to, so the tokens cannot be refreshed.",
                    "Run Connect-Kakao once with -RestApiKey (or KAKAO_REST_API_KEY set); later refreshes use the saved key.");
            }

            var form = new Dictionary<string, string?>
            {
                ["grant_type"] = "refresh_token",
                ["client_id"] = tokens.ClientId,
                ["refresh_token"] = tokens.RefreshToken,
                ["client_secret"] = tokens.ClientSecret,
            };
            return Client.RequestTokenAsync(_endpoints, form, _log, cancellationToken);
        }

        private void Save(TokenSet tokens, CancellationToken cancellationToken)
        {
            using (_store.Lock(LockTimeout, cancellationToken))
            {
                _store.Write(tokens);
            }

            _session.Saved(_store, tokens);
        }

        private void Stamp(TokenSet tokens, string? clientId, string? clientSecret, string? redirectUri)
        {
            tokens.ClientId = clientId;
            tokens.ClientSecret = clientSecret;
            tokens.RedirectUri = redirectUri;
            tokens.AuthUrl = _endpoints.AuthUrl;
            tokens.ApiUrl = _endpoints.ApiUrl;
        }

        /// <summary>Remembers the user id Kakao reported for these tokens.</summary>
        public void SaveUserId(TokenSet tokens, long? userId, CancellationToken cancellationToken)
        {
            if (userId == null || tokens.UserId == userId)
            {
                return;
            }

            // Onto what the file holds now: another process may have rotated the tokens meanwhile.
            using (_store.Lock(LockTimeout, cancellationToken))
            {
                var current = _store.Read();
                if (current == null || current.ClientId != tokens.ClientId)
                {
                    return;
                }

                current.UserId = tokens.UserId = userId;
                _store.Write(current);
                _session.Saved(_store, current);
            }
        }

        /// <summary>What the user may see of a login: never the tokens.</summary>
        public KakaoPS.Models.KakaoContext Describe(TokenSet tokens) => new KakaoPS.Models.KakaoContext
        {
            ClientId = tokens.ClientId,
            UserId = tokens.UserId,
            Scopes = tokens.Scopes,
            AccessTokenExpiresAt = tokens.AccessTokenExpiresAt,
            RefreshTokenExpiresAt = tokens.RefreshTokenExpiresAt,
            TokenPath = _store.Path,
            AuthUrl = tokens.AuthUrl ?? _endpoints.AuthUrl,
            ApiUrl = tokens.ApiUrl ?? _endpoints.ApiUrl,
            ClientSecretSaved = !string.IsNullOrEmpty(tokens.ClientSecret),
        };

        /// <summary>
        /// Tokens go only to the hosts that issued them. A file that does not say (the lesson's)
        /// holds Kakao's own tokens, which never go to another host.
        /// </summary>
        private void CheckEndpoints(TokenSet tokens)
        {
            var issuer = tokens.Endpoints ?? new KakaoEndpoints(KakaoEndpoints.DefaultAuthUrl, KakaoEndpoints.DefaultApiUrl);
            if (!issuer.Equals(_endpoints))
            {
                var origin = tokens.Endpoints == null
                    ? $"The token file does not say which host issued its tokens, so they are taken as Kakao's own ({issuer.ApiUrl})"
                    : $"The saved tokens were issued by {issuer.AuthUrl} for {issuer.ApiUrl}";
                throw new KakaoException("TokenEndpointMismatch", KakaoErrorKind.InvalidArgument,
                    $"{origin}, but KakaoPS now points at {_endpoints.ApiUrl}. They are not sent to another host.",
                    "Run Connect-Kakao against the new endpoints, or restore KAKAOPS_AUTH_URL / KAKAOPS_API_URL, or use another -TokenPath.");
            }
        }
    }
}
