using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using KakaoPS.Errors;
using KakaoPS.Http;
using KakaoPS.Logging;
using KakaoPS.Resources;

namespace KakaoPS.Tokens
{
    /// <summary>What the login asks of Kakao: tokens for a code or a refresh token, and whose tokens they are.</summary>
    internal sealed class TokenRequests
    {
        /// <summary>How long a stopped command still waits for Kakao's answer to a refresh that may replace the refresh token.</summary>
        public static readonly TimeSpan AnswerGrace = TimeSpan.FromSeconds(5);

        private readonly KakaoLog _log;

        public TokenRequests(KakaoClient client, KakaoEndpoints endpoints, KakaoLog log)
        {
            Client = client;
            Endpoints = endpoints;
            _log = log;
        }

        public KakaoClient Client { get; }

        public KakaoEndpoints Endpoints { get; }

        /// <summary>Trades an authorization code for tokens, stamped with the login they belong to.</summary>
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
            var response = await Client.RequestTokenAsync(Endpoints, form, _log, cancellationToken).ConfigureAwait(false);
            return Stamp(TokenSet.FromTokenResponse(response, DateTimeOffset.UtcNow), clientId, clientSecret, redirectUri);
        }

        /// <summary>Refreshes <paramref name="tokens"/>: the new tokens, with the login's own fields carried over.</summary>
        public async Task<TokenSet> RefreshAsync(TokenSet tokens, CancellationToken cancellationToken)
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
            // A stop that came first sends nothing: the grace below is for an answer already on its way.
            cancellationToken.ThrowIfCancellationRequested();
            JsonElement response;
            using (var answer = new CancellationTokenSource())
            using (cancellationToken.Register(() => StopWaiting(answer, RefreshTokenRenewal.KakaoMayReplace(tokens.RefreshTokenExpiresAt, DateTimeOffset.UtcNow))))
            {
                response = await Client.RequestTokenAsync(Endpoints, form, _log, answer.Token).ConfigureAwait(false);
            }

            return Stamp(TokenSet.FromTokenResponse(response, DateTimeOffset.UtcNow, tokens), tokens.ClientId, tokens.ClientSecret, tokens.RedirectUri);
        }

        /// <summary>
        /// A stop ends a refresh at once, unless Kakao may answer it with a new refresh token: the old one
        /// stops working as Kakao replaces it, so an answer dropped on its way loses the login. Then the
        /// answer is awaited for <see cref="AnswerGrace"/>, the caller keeps what came, and the stop follows.
        /// </summary>
        private static void StopWaiting(CancellationTokenSource answer, bool kakaoMayReplace)
        {
            if (kakaoMayReplace)
            {
                answer.CancelAfter(AnswerGrace);
            }
            else
            {
                answer.Cancel();
            }
        }

        /// <summary>GET /v1/user/access_token_info with these tokens: the Kakao user id, or null when Kakao does not say.</summary>
        public async Task<long?> UserIdAsync(TokenSet tokens, CancellationToken cancellationToken)
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

        private TokenSet Stamp(TokenSet tokens, string? clientId, string? clientSecret, string? redirectUri) =>
            tokens.WithLogin(clientId, clientSecret, redirectUri, Endpoints.AuthUrl, Endpoints.ApiUrl);
    }
}
