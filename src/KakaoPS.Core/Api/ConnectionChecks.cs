using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using KakaoPS.Errors;
using KakaoPS.Models;
using KakaoPS.Resources;
using KakaoPS.Tokens;

namespace KakaoPS.Api
{
    /// <summary>
    /// Checks, in order, what sending a memo needs: a login, a reachable Kakao, a valid access
    /// token, a refresh token with time left, and consent to talk_message.
    /// </summary>
    internal sealed class ConnectionChecks
    {
        private static readonly string[] CheckNames = { "Endpoint", "AccessToken", "RefreshToken", "TalkMessageConsent" };
        private static readonly string[] TalkMessageScope = { "talk_message" };

        private readonly KakaoAuthenticator _auth;
        private readonly KakaoApi _api;

        public ConnectionChecks(KakaoAuthenticator auth, KakaoApi api)
        {
            _auth = auth;
            _api = api;
        }

        public async Task<IReadOnlyList<KakaoConnectionCheck>> RunAsync(CancellationToken cancellationToken)
        {
            var results = new List<KakaoConnectionCheck>();
            TokenSet? tokens;
            try
            {
                tokens = _auth.RequireTokens();
                results.Add(Passed("Login", _auth.Store.FilePath is string path
                    ? string.Format(CultureInfo.CurrentCulture, ConnectionCheckMessages.LoggedInFile, tokens.ClientId, path)
                    : string.Format(CultureInfo.CurrentCulture, ConnectionCheckMessages.LoggedInMemory, tokens.ClientId)));
                if (_auth.Store is FileLoginStore saved)
                {
                    results.Add(CheckTokenFile(saved.File));
                }
            }
            catch (KakaoException e)
            {
                results.Add(Failed("Login", e));
                return SkipRest(results);
            }

            try
            {
                await _api.GetUserIdAsync(cancellationToken).ConfigureAwait(false);
                tokens = _auth.Load() ?? tokens;
                results.Add(Passed("Endpoint", string.Format(CultureInfo.CurrentCulture, ConnectionCheckMessages.EndpointAnswers, _auth.Endpoints.ApiUrl)));
                results.Add(Passed("AccessToken", string.Format(CultureInfo.CurrentCulture, ConnectionCheckMessages.AccessTokenValid, ShownTime.Of(tokens.AccessTokenExpiresAt))));
            }
            catch (KakaoException e) when (e.Kind == KakaoErrorKind.ConnectionError || e.Kind == KakaoErrorKind.OperationTimeout)
            {
                results.Add(Failed("Endpoint", e));
                return SkipRest(results);
            }
            catch (KakaoException e)
            {
                results.Add(Passed("Endpoint", string.Format(CultureInfo.CurrentCulture, ConnectionCheckMessages.EndpointAnswers, _auth.Endpoints.ApiUrl)));
                results.Add(Failed("AccessToken", e));
                return SkipRest(results);
            }

            results.Add(CheckRefreshToken(tokens));

            try
            {
                var consent = (await _api.GetScopesAsync(TalkMessageScope, cancellationToken).ConfigureAwait(false))
                    .FirstOrDefault(s => s.Id == "talk_message");
                results.Add(consent?.Agreed == true
                    ? Passed("TalkMessageConsent", ConnectionCheckMessages.TalkMessageConsented)
                    : new KakaoConnectionCheck
                    {
                        Check = "TalkMessageConsent",
                        Status = KakaoCheckStatus.Failed,
                        Message = consent == null
                            ? ConnectionCheckMessages.TalkMessageNotOffered
                            : ConnectionCheckMessages.TalkMessageNotConsented,
                        Remedy = consent == null
                            ? ConnectionCheckMessages.TalkMessageNotOfferedRemedy
                            : ConnectionCheckMessages.TalkMessageNotConsentedRemedy,
                    });
            }
            catch (KakaoException e)
            {
                results.Add(Failed("TalkMessageConsent", e));
            }

            return results;
        }

        /// <summary>Whether others could read the token file; reading it made it private already, and said so.</summary>
        private static KakaoConnectionCheck CheckTokenFile(TokenStore store) => store.Narrowed == null
            ? Passed("TokenFile", string.Format(CultureInfo.CurrentCulture, TokenFileMessages.TokenFilePrivate, store.Path))
            : new KakaoConnectionCheck
            {
                Check = "TokenFile",
                Status = KakaoCheckStatus.Warning,
                Message = store.Narrowed,
                Remedy = TokenFileMessages.TokenFileNarrowedRemedy,
            };

        private static KakaoConnectionCheck CheckRefreshToken(TokenSet tokens)
        {
            if (tokens.RefreshToken != null && tokens.RefreshTokenExpiresAt == null)
            {
                // A login with -RefreshToken: Kakao's refresh answer names the expiry only when it rotates the token.
                return Passed("RefreshToken", LoginMessages.RefreshTokenExpiryUnknown);
            }

            if (tokens.RefreshToken == null || tokens.RefreshTokenExpiresAt is not DateTimeOffset expiresAt)
            {
                return new KakaoConnectionCheck
                {
                    Check = "RefreshToken",
                    Status = tokens.RefreshToken == null ? KakaoCheckStatus.Failed : KakaoCheckStatus.Warning,
                    Message = tokens.RefreshToken == null ? ConnectionCheckMessages.NoRefreshToken : ConnectionCheckMessages.RefreshTokenExpiryUnknown,
                    Remedy = ConnectionCheckMessages.LogInAgain,
                };
            }

            var left = expiresAt - DateTimeOffset.UtcNow;
            if (left <= TimeSpan.Zero)
            {
                return new KakaoConnectionCheck
                {
                    Check = "RefreshToken",
                    Status = KakaoCheckStatus.Failed,
                    Message = string.Format(CultureInfo.CurrentCulture, ConnectionCheckMessages.RefreshTokenExpired, ShownTime.Of(expiresAt)),
                    Remedy = ConnectionCheckMessages.LogInAgain,
                };
            }

            var days = left.TotalDays.ToString("0", CultureInfo.CurrentCulture);
            return left < RefreshTokenRenewal.RotationWindow
                ? new KakaoConnectionCheck
                {
                    Check = "RefreshToken",
                    Status = KakaoCheckStatus.Warning,
                    Message = string.Format(CultureInfo.CurrentCulture, RefreshTokenMessages.RefreshTokenInWindow, days),
                    Remedy = RefreshTokenMessages.RefreshTokenInWindowRemedy,
                }
                : Passed("RefreshToken", string.Format(CultureInfo.CurrentCulture, RefreshTokenMessages.RefreshTokenValid, ShownTime.Of(expiresAt), days));
        }

        private static List<KakaoConnectionCheck> SkipRest(List<KakaoConnectionCheck> results)
        {
            foreach (var name in CheckNames.Where(n => results.All(r => r.Check != n)))
            {
                results.Add(new KakaoConnectionCheck { Check = name, Status = KakaoCheckStatus.Skipped, Message = ConnectionCheckMessages.NotChecked });
            }

            return results;
        }

        private static KakaoConnectionCheck Passed(string check, string message) =>
            new KakaoConnectionCheck { Check = check, Status = KakaoCheckStatus.Passed, Message = message };

        private static KakaoConnectionCheck Failed(string check, KakaoException e) =>
            new KakaoConnectionCheck { Check = check, Status = KakaoCheckStatus.Failed, Message = e.Message, Remedy = e.RecommendedAction };
    }
}
