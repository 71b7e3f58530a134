using System;
using System.Threading;
using System.Threading.Tasks;
using KakaoPS.Errors;
using KakaoPS.Session;
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

        private readonly KakaoAuthenticator _auth;
        private readonly KakaoLog _log;

        public KakaoLogin(KakaoAuthenticator auth, KakaoLog log)
        {
            _auth = auth;
            _log = log;
        }

        private PendingLogins Pending => new PendingLogins(_auth.Store);

        /// <summary>
        /// An authorize URL with a fresh state (unless one is given) and PKCE challenge, remembered
        /// for a few minutes so that Connect-Kakao in this or another process can finish the login.
        /// </summary>
        public AuthorizeRequest BeginPasteLogin(AuthorizeRequest request)
        {
            var verifier = Pkce.NewVerifier();
            request.State ??= Pkce.NewState();
            request.CodeChallenge = Pkce.Challenge(verifier);
            Pending.Add(new PendingLogin
            {
                State = request.State,
                CodeVerifier = verifier,
                ClientId = request.ClientId,
                RedirectUri = request.RedirectUri,
                CreatedAt = DateTimeOffset.UtcNow,
            });
            return request;
        }

        /// <summary>Finishes a login from the whole URL the browser landed on.</summary>
        public Task<TokenSet> CompleteFromUrlAsync(string redirectedUrl, string clientId, string? redirectUri, string? clientSecret, CancellationToken cancellationToken)
        {
            var response = AuthorizationResponse.FromUrl(redirectedUrl);
            response.ThrowIfError();
            PendingLogin? pending = null;
            if (response.State != null)
            {
                pending = Pending.Take(response.State) ?? throw new KakaoException("StateMismatch", KakaoErrorKind.InvalidArgument,
                    "The state in the URL does not belong to a login started here in the last 10 minutes; the code was not used.",
                    "Start again with Get-KakaoAuthUrl -Open and paste the URL the browser lands on within 10 minutes. If you did not start this login, ignore the URL.");
            }

            return ExchangeAsync(response.Code!, clientId, redirectUri ?? pending?.RedirectUri ?? AuthorizeRequest.DefaultRedirectUri, clientSecret, pending, cancellationToken);
        }

        /// <summary>Finishes a login from a bare code (the lesson's way), with the newest pending verifier if any.</summary>
        public Task<TokenSet> CompleteFromCodeAsync(string code, string clientId, string? redirectUri, string? clientSecret, CancellationToken cancellationToken)
        {
            var pending = Pending.TakeNewest(clientId);
            return ExchangeAsync(code, clientId, redirectUri ?? pending?.RedirectUri ?? AuthorizeRequest.DefaultRedirectUri, clientSecret, pending, cancellationToken);
        }

        /// <summary>
        /// Listens on the loopback redirect URI, opens the browser on the authorize URL, waits for
        /// the redirect (at most <paramref name="timeout"/>), checks its state and exchanges the code.
        /// </summary>
        public async Task<TokenSet> LoginWithBrowserAsync(AuthorizeRequest request, string? clientSecret, TimeSpan timeout,
            Action<Uri> openBrowser, CancellationToken cancellationToken)
        {
            var redirectUri = LoopbackReceiver.ValidateRedirectUri(request.RedirectUri);
            var verifier = Pkce.NewVerifier();
            request.State = Pkce.NewState();
            request.CodeChallenge = Pkce.Challenge(verifier);
            var url = request.ToUri(_auth.Endpoints);

            using var receiver = LoopbackReceiver.Start(redirectUri);
            using var timeLimit = new CancellationTokenSource(timeout);
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeLimit.Token);
            _log.Verbose($"Listening for the login redirect on {redirectUri.GetLeftPart(UriPartial.Path)}.");
            openBrowser(url);

            AuthorizationResponse response;
            var waiting = receiver.WaitAsync(request.State, _log, wait.Token);
            var started = DateTimeOffset.UtcNow;
            try
            {
                while (await Task.WhenAny(waiting, Task.Delay(1000, wait.Token)).ConfigureAwait(false) != waiting)
                {
                    var elapsed = DateTimeOffset.UtcNow - started;
                    _log.Progress($"Waiting for consent in the browser ({Math.Max(0, (int)(timeout - elapsed).TotalSeconds)} s left; Ctrl+C cancels)",
                        (int)Math.Min(99, elapsed.TotalMilliseconds * 100 / timeout.TotalMilliseconds));
                }

                response = await waiting.ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (timeLimit.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw new KakaoException("LoginTimedOut", KakaoErrorKind.OperationTimeout,
                    $"No login arrived within {timeout.TotalSeconds:0} seconds.",
                    $"Open this URL and consent, or raise -TimeoutSec: {url.AbsoluteUri}");
            }
            finally
            {
                _log.Progress("Done", 100);
            }

            try
            {
                response.ThrowIfError();
                var tokens = await ExchangeAsync(response.Code!, request.ClientId, request.RedirectUri, clientSecret,
                    new PendingLogin { CodeVerifier = verifier }, cancellationToken).ConfigureAwait(false);
                await receiver.RespondAsync(true, string.Empty).ConfigureAwait(false);
                return tokens;
            }
            catch (KakaoException e)
            {
                await receiver.RespondAsync(false, e.Message).ConfigureAwait(false);
                throw;
            }
        }

        private async Task<TokenSet> ExchangeAsync(string code, string clientId, string redirectUri, string? clientSecret,
            PendingLogin? pending, CancellationToken cancellationToken)
        {
            var tokens = await _auth.ExchangeCodeAsync(clientId, redirectUri, code, clientSecret, pending?.CodeVerifier, cancellationToken).ConfigureAwait(false);
            _log.Verbose($"Logged in; scopes: {tokens.Scope ?? "none"}.");
            return tokens;
        }
    }
}
