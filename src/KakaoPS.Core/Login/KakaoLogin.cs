using System;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using KakaoPS.Configuration;
using KakaoPS.Errors;
using KakaoPS.Resources;
using KakaoPS.Logging;
using KakaoPS.Tokens;

namespace KakaoPS.Login
{
    /// <summary>
    /// The ways to log in: a browser with a loopback listener, a redirected URL or code pasted by
    /// the user, and a refresh token alone (CI). Every authorize request carries a random state
    /// and a PKCE challenge; the state is checked before any code is exchanged.
    /// </summary>
    internal sealed class KakaoLogin
    {
        /// <summary>The redirect URI the loopback listener uses unless told otherwise; register it in the app.</summary>
        public const string DefaultLoopbackRedirectUri = "http://127.0.0.1:8400/callback";

        private const string TalkMessage = "talk_message";

        private readonly KakaoAuthenticator _auth;
        private readonly LoginExchange _exchange;
        private readonly TokenStore _tokenFile;
        private readonly KakaoLog _log;

        /// <param name="auth">The login's lifecycle, with the store the new login goes to.</param>
        /// <param name="tokenFile">The token file, beside which pending logins are kept whichever store the login goes to.</param>
        /// <param name="log">Where the flows report.</param>
        public KakaoLogin(KakaoAuthenticator auth, TokenStore tokenFile, KakaoLog log)
        {
            _auth = auth;
            _exchange = new LoginExchange(auth);
            _tokenFile = tokenFile;
            _log = log;
        }

        private PendingLogins Pending => new PendingLogins(_tokenFile);

        /// <summary>
        /// Connect-Kakao's choice of flow: a given code, redirected URL or refresh token, else what
        /// the environment or .env holds, else the browser.
        /// </summary>
        public Task<TokenSet> ConnectAsync(ConnectRequest request, KakaoConfiguration configuration, CancellationToken cancellationToken)
        {
            if (request.Code != null)
            {
                return CompleteFromCodeAsync(request.Code, request.ClientId, request.RedirectUri, request.ClientSecret, cancellationToken);
            }

            if (request.RedirectedUrl != null)
            {
                return CompleteFromUrlAsync(request.RedirectedUrl, request.ClientId, request.RedirectUri, request.ClientSecret, cancellationToken);
            }

            return request.RefreshToken != null
                ? _exchange.ConnectWithRefreshTokenAsync(request.ClientId, request.RefreshToken, request.ClientSecret, cancellationToken)
                : FromEnvironmentOrBrowserAsync(request, configuration, cancellationToken);
        }

        /// <summary>
        /// The lesson's AUTHORIZATION_CODE or CI's KAKAO_REFRESH_TOKEN when set, else the browser. Each
        /// is announced with where it came from; a code Kakao no longer accepts is skipped for the
        /// browser, so a code left in .env never blocks the login.
        /// </summary>
        private async Task<TokenSet> FromEnvironmentOrBrowserAsync(ConnectRequest given, KakaoConfiguration configuration, CancellationToken cancellationToken)
        {
            var clientId = given.ClientId;
            var clientSecret = given.ClientSecret;
            if (configuration.AuthorizationCode is ConfiguredValue code)
            {
                _log.Warning(CredentialSources.UsingCode(code));
                try
                {
                    return await CompleteFromCodeAsync(code.Value, clientId, given.RedirectUri, clientSecret, cancellationToken).ConfigureAwait(false);
                }
                catch (KakaoException e) when (CredentialSources.IsStaleCode(e))
                {
                    _log.Warning(CredentialSources.StaleCodeSkipped(code, e));
                }
                catch (KakaoException e)
                {
                    throw CredentialSources.CodeRefused(e, code);
                }
            }

            if (configuration.RefreshToken is ConfiguredValue refreshToken)
            {
                _log.Warning(CredentialSources.UsingRefreshToken(refreshToken));
                try
                {
                    return await _exchange.ConnectWithRefreshTokenAsync(clientId, refreshToken.Value, clientSecret, cancellationToken).ConfigureAwait(false);
                }
                catch (KakaoException e)
                {
                    throw CredentialSources.RefreshTokenRefused(e, refreshToken);
                }
            }

            var request = new AuthorizeRequest
            {
                ClientId = clientId,
                RedirectUri = given.RedirectUri ?? DefaultLoopbackRedirectUri,
                Scopes = given.Scopes ?? Array.Empty<string>(),
            };
            return await LoginWithBrowserAsync(request, clientSecret, given.BrowserTimeout, given.OpenBrowser, cancellationToken).ConfigureAwait(false);
        }

        /// <summary>
        /// An authorize URL's state and PKCE challenge, remembered for a few minutes so that
        /// Connect-Kakao in this or another process can finish the login. While a login for the
        /// same app, redirect URI and scopes is pending, it is handed out again (either URL works)
        /// unless <paramref name="fresh"/> asks for a new one.
        /// </summary>
        public AuthorizeRequest BeginPasteLogin(AuthorizeRequest request, bool fresh = false)
        {
            var pending = Pending.Begin(request.ClientId, request.RedirectUri, request.Scopes, request.State, fresh);
            request.State = pending.State;
            request.CodeChallenge = Pkce.Challenge(pending.CodeVerifier);
            return request;
        }

        /// <summary>Finishes a login from the whole URL the browser landed on; its state must belong to a login started here.</summary>
        public Task<TokenSet> CompleteFromUrlAsync(string redirectedUrl, string clientId, string? redirectUri, string? clientSecret, CancellationToken cancellationToken) =>
            CompleteAsync(AuthorizationResponse.FromUrl(redirectedUrl), clientId, redirectUri, clientSecret, cancellationToken);

        /// <summary>
        /// Finishes a login from a bare code (the lesson's way) with the newest pending verifier.
        /// An address or code=… pasted here is read as -RedirectedUrl when it carries a state.
        /// </summary>
        public Task<TokenSet> CompleteFromCodeAsync(string code, string clientId, string? redirectUri, string? clientSecret, CancellationToken cancellationToken)
        {
            var redirect = PastedCode.AsRedirect(code);
            if (redirect?.State != null || redirect?.Error != null)
            {
                _log.Warning(LoginMessages.CodeReadAsAddress);
                return CompleteAsync(redirect, clientId, redirectUri, clientSecret, cancellationToken);
            }

            if (redirect != null)
            {
                _log.Warning(LoginMessages.CodeReadFromAddress);
                code = redirect.Code!;
            }

            code = PastedCode.Validate(code);
            var pending = Pending.Newest(clientId, redirectUri);
            return ExchangeAsync(code, clientId, redirectUri ?? pending?.RedirectUri ?? AuthorizeRequest.DefaultRedirectUri, clientSecret, pending, cancellationToken);
        }

        private Task<TokenSet> CompleteAsync(AuthorizationResponse response, string clientId, string? redirectUri, string? clientSecret, CancellationToken cancellationToken)
        {
            response.ThrowIfError();
            var pending = FindPending(response.State);
            var code = PastedCode.Validate(response.Code!);
            return ExchangeAsync(code, clientId, redirectUri ?? pending.RedirectUri, clientSecret, pending, cancellationToken);
        }

        /// <summary>The live login a redirect's state belongs to; a clear error when it has none, or its login is used or expired.</summary>
        private PendingLogin FindPending(string? state)
        {
            if (state == null)
            {
                throw new KakaoException("RedirectedUrlWithoutState", KakaoErrorKind.InvalidArgument, LoginMessages.StateMissing, LoginMessages.StateMissingAction);
            }

            var pending = Pending.Find(state);
            if (pending?.UsedAt != null)
            {
                throw AlreadyUsed(LoginMessages.AddressAlreadyUsed, pending);
            }

            if (pending == null)
            {
                throw new KakaoException("StateMismatch", KakaoErrorKind.InvalidArgument, LoginMessages.StateUnknown, LoginMessages.StateUnknownAction);
            }

            if (!pending.IsLive(DateTimeOffset.UtcNow))
            {
                throw new KakaoException("LoginExpired", KakaoErrorKind.InvalidArgument,
                    string.Format(CultureInfo.CurrentCulture, LoginMessages.LoginExpired, pending.CreatedAt), LoginMessages.LoginExpiredAction);
            }

            return pending;
        }

        /// <summary>
        /// KOE320 covers a used, expired, unknown or mismatched code; where KakaoPS knows which
        /// (it logged in with this code before, or Kakao names the PKCE verifier), it says so.
        /// </summary>
        private KakaoException Explain(KakaoException refused, string code)
        {
            string message, action;
            if (Pending.UsedWith(code) is PendingLogin used)
            {
                message = string.Format(CultureInfo.CurrentCulture, LoginMessages.CodeAlreadyUsed, ShownTime.Of(used.UsedAt), refused.KakaoCode);
                action = LoginMessages.AlreadyUsedAction;
            }
            else if (refused.Message.IndexOf("verifier", StringComparison.OrdinalIgnoreCase) >= 0)
            {
                // Kakao binds a code to the challenge of the URL consented with: this code came from another one.
                message = string.Format(CultureInfo.CurrentCulture, LoginMessages.CodeOfAnotherUrl, refused.KakaoCode);
                action = LoginMessages.CodeOfAnotherUrlAction;
            }
            else
            {
                return refused;
            }

            return new KakaoException(refused.ErrorId, refused.Kind, message, action, refused)
            {
                KakaoCode = refused.KakaoCode,
                HttpStatus = refused.HttpStatus,
            };
        }

        private static KakaoException AlreadyUsed(string message, PendingLogin used) =>
            new KakaoException("AuthorizationAlreadyUsed", KakaoErrorKind.InvalidArgument,
                string.Format(CultureInfo.CurrentCulture, message, ShownTime.Of(used.UsedAt)), LoginMessages.AlreadyUsedAction);

        /// <summary>
        /// Listens on the loopback redirect URI, opens the browser on the authorize URL (and shows
        /// it), waits for the redirect (at most <paramref name="timeout"/>), checks its state and
        /// exchanges the code. The login is pending like a pasted one, so that after a timeout the
        /// address the browser lands on still completes it with -RedirectedUrl.
        /// </summary>
        public async Task<TokenSet> LoginWithBrowserAsync(AuthorizeRequest request, string? clientSecret, TimeSpan timeout,
            Func<Uri, bool> openBrowser, CancellationToken cancellationToken)
        {
            var redirectUri = LoopbackReceiver.ValidateRedirectUri(request.RedirectUri);
            using var receiver = LoopbackReceiver.Start(redirectUri);
            var pending = Pending.Begin(request.ClientId, request.RedirectUri, request.Scopes, state: null, fresh: false);
            request.State = pending.State;
            request.CodeChallenge = Pkce.Challenge(pending.CodeVerifier);
            var url = request.ToUri(_auth.Endpoints);

            using var timeLimit = new CancellationTokenSource(timeout);
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeLimit.Token);
            _log.Verbose(string.Format(CultureInfo.CurrentCulture, LoginMessages.ListeningForRedirect, redirectUri.GetLeftPart(UriPartial.Path)));
            // Answering before the browser is opened: opening waits a moment to learn whether the launcher failed.
            var waiting = receiver.WaitAsync(request.State, _log, wait.Token);
            var opened = openBrowser(url);
            if (opened)
            {
                _log.Information("LoginUrl", string.Format(CultureInfo.CurrentCulture, LoginMessages.BrowserOpened, url.AbsoluteUri));
            }

            AuthorizationResponse response;
            var started = DateTimeOffset.UtcNow;
            try
            {
                while (await Task.WhenAny(waiting, Task.Delay(1000, wait.Token)).ConfigureAwait(false) != waiting)
                {
                    var elapsed = DateTimeOffset.UtcNow - started;
                    _log.Progress(string.Format(CultureInfo.CurrentCulture, LoginMessages.WaitingForConsent, Math.Max(0, (int)(timeout - elapsed).TotalSeconds)),
                        (int)Math.Min(99, elapsed.TotalMilliseconds * 100 / timeout.TotalMilliseconds));
                }

                response = await waiting.ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (timeLimit.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                var where = redirectUri.AbsoluteUri;
                throw new KakaoException("LoginTimedOut", KakaoErrorKind.OperationTimeout,
                    string.Format(CultureInfo.CurrentCulture, LoginMessages.LoginTimedOut, where, timeout.TotalSeconds.ToString("0", CultureInfo.InvariantCulture)),
                    string.Format(CultureInfo.CurrentCulture, opened ? LoginMessages.LoginTimedOutAction : LoginMessages.LoginTimedOutNoBrowserAction, where, url.AbsoluteUri));
            }
            finally
            {
                _log.Progress(LoginMessages.ProgressDone, 100);
            }

            try
            {
                response.ThrowIfError();
                var tokens = await ExchangeAsync(PastedCode.Validate(response.Code!), request.ClientId, request.RedirectUri, clientSecret,
                    pending, cancellationToken).ConfigureAwait(false);
                await receiver.RespondAsync(true, string.Empty).ConfigureAwait(false);
                return tokens;
            }
            catch (KakaoException e)
            {
                await receiver.RespondAsync(false, e.Message).ConfigureAwait(false);
                throw;
            }
        }

        /// <summary>
        /// Trades the code for tokens. Only success uses the pending login up; a failure leaves it
        /// for the next try. Then warns when the login lacks consent to talk_message.
        /// </summary>
        private async Task<TokenSet> ExchangeAsync(string code, string clientId, string redirectUri, string? clientSecret,
            PendingLogin? pending, CancellationToken cancellationToken)
        {
            TokenSet tokens;
            try
            {
                tokens = await _exchange.ExchangeCodeAsync(clientId, redirectUri, code, clientSecret, pending?.CodeVerifier, cancellationToken).ConfigureAwait(false);
            }
            catch (KakaoException e) when (e.KakaoCode == "KOE320")
            {
                throw Explain(e, code);
            }

            try
            {
                Pending.Used(pending?.State, code);
            }
            catch (Exception e) when (e is System.IO.IOException || e is UnauthorizedAccessException || e is KakaoException)
            {
                // The login itself succeeded; only a second paste of this address will not be explained.
                _log.Verbose(string.Format(CultureInfo.CurrentCulture, LoginMessages.CouldNotNoteUsed, e.Message));
            }

            _log.Verbose(string.Format(CultureInfo.CurrentCulture, LoginMessages.LoggedInScopes, tokens.Scope ?? LoginMessages.ScopesNone));
            if (!tokens.Scopes.Contains(TalkMessage))
            {
                _log.Warning(LoginMessages.NoTalkMessageConsent);
            }

            return tokens;
        }
    }
}
