using System;
using System.Management.Automation;
using System.Security;
using KakaoPS.Api;
using KakaoPS.Commands.Base;
using KakaoPS.Errors;
using KakaoPS.Login;
using KakaoPS.Models;
using KakaoPS.PowerShellAdapter;
using KakaoPS.Tokens;

namespace KakaoPS.Commands
{
    /// <summary>
    /// Logs in and outputs the context. With no arguments it opens the browser and catches the
    /// redirect on a loopback listener; -RedirectedUrl and -Code finish a login started with
    /// Get-KakaoAuthUrl; -RefreshToken logs in without a browser (CI). A failure leaves an
    /// existing token file untouched.
    /// </summary>
    [Cmdlet(VerbsCommunications.Connect, "Kakao", DefaultParameterSetName = BrowserSet)]
    [OutputType(typeof(KakaoContext))]
    public sealed class ConnectKakaoCommand : KakaoCmdlet
    {
        private const string BrowserSet = "Browser";
        private const string CodeSet = "Code";
        private const string RedirectedUrlSet = "RedirectedUrl";
        private const string RefreshTokenSet = "RefreshToken";

        [Parameter(Mandatory = true, Position = 0, ParameterSetName = CodeSet)]
        [ValidateNotNullOrEmpty]
        public string Code { get; set; } = string.Empty;

        [Parameter(Mandatory = true, ParameterSetName = RedirectedUrlSet)]
        [ValidateNotNullOrEmpty]
        public string RedirectedUrl { get; set; } = string.Empty;

        [Parameter(Mandatory = true, ParameterSetName = RefreshTokenSet)]
        [SecureStringArgument]
        [ValidateNotNull]
        public SecureString RefreshToken { get; set; } = new SecureString();

        [Parameter]
        [Alias("ClientId")]
        [ValidateNotNullOrEmpty]
        public string? RestApiKey { get; set; }

        /// <summary>Defaults: the loopback listener's http://127.0.0.1:8400/callback, else the one Get-KakaoAuthUrl used, else http://127.0.0.1.</summary>
        [Parameter(ParameterSetName = BrowserSet)]
        [Parameter(ParameterSetName = CodeSet)]
        [Parameter(ParameterSetName = RedirectedUrlSet)]
        [ValidateNotNullOrEmpty]
        public string? RedirectUri { get; set; }

        [Parameter(ParameterSetName = BrowserSet)]
        [ValidateNotNullOrEmpty]
        public string[]? Scope { get; set; }

        [Parameter(ParameterSetName = BrowserSet)]
        [ValidateRange(1, 3600)]
        public int TimeoutSec { get; set; } = 120;

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? ClientSecret { get; set; }

        [Parameter]
        public TokenScope ContextScope { get; set; } = TokenScope.CurrentUser;

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? TokenPath { get; set; }

        protected override void EndProcessing()
        {
            var auth = Guard(() => CreateAuthenticator(TokenPath, ContextScope));
            var clientId = Guard(() => RestApiKeys.Resolve(RestApiKey, Configuration));
            var clientSecret = ClientSecret ?? Configuration.ClientSecret;
            if (RedirectUri != null)
            {
                Guard(() => AuthorizeRequest.ValidateRedirectUri(RedirectUri));
            }

            var login = new KakaoLogin(auth, Log);
            var tokens = Guard(() => ParameterSetName switch
            {
                CodeSet => Run(ct => login.CompleteFromCodeAsync(Code, clientId, RedirectUri, clientSecret, ct)),
                RedirectedUrlSet => Run(ct => login.CompleteFromUrlAsync(RedirectedUrl, clientId, RedirectUri, clientSecret, ct)),
                RefreshTokenSet => Run(ct => auth.ConnectWithRefreshTokenAsync(clientId, SecureStringArgumentAttribute.Reveal(RefreshToken), clientSecret, ct)),
                _ => FromEnvironmentOrBrowser(auth, login, clientId, clientSecret),
            }, target: clientId);

            try
            {
                var userId = Run(ct => new KakaoApi(auth, Log).GetUserIdAsync(ct));
                Run(ct => auth.SaveUserIdAsync(tokens, userId, ct));
            }
            catch (KakaoException e)
            {
                // The login itself succeeded; the user id is only informative.
                WriteVerbose($"Could not read the user id: {e.Message}");
            }

            WriteObject(auth.Describe(tokens));
        }

        /// <summary>The lesson's AUTHORIZATION_CODE or CI's KAKAO_REFRESH_TOKEN when set, else the browser.</summary>
        private TokenSet FromEnvironmentOrBrowser(KakaoAuthenticator auth, KakaoLogin login, string clientId, string? clientSecret)
        {
            if (Configuration.AuthorizationCode is string code)
            {
                WriteVerbose("Using AUTHORIZATION_CODE from the environment or .env.");
                return Run(ct => login.CompleteFromCodeAsync(code, clientId, RedirectUri, clientSecret, ct));
            }

            if (Configuration.RefreshToken is string refreshToken)
            {
                WriteVerbose("Using KAKAO_REFRESH_TOKEN from the environment or .env.");
                return Run(ct => auth.ConnectWithRefreshTokenAsync(clientId, refreshToken, clientSecret, ct));
            }

            var request = new AuthorizeRequest
            {
                ClientId = clientId,
                RedirectUri = RedirectUri ?? KakaoLogin.DefaultLoopbackRedirectUri,
                Scopes = Scope ?? Array.Empty<string>(),
            };
            return Run(ct => login.LoginWithBrowserAsync(request, clientSecret, TimeSpan.FromSeconds(TimeoutSec), OpenBrowser, ct));
        }

        private void OpenBrowser(Uri url)
        {
            if (BrowserLauncher.TryOpen(url, out var failure))
            {
                Log.Verbose($"Opened the browser on {url.GetLeftPart(UriPartial.Path)}; waiting for consent.");
            }
            else
            {
                Log.Warning($"Could not open a browser ({failure}). Open this URL to log in: {url.AbsoluteUri}");
            }
        }
    }
}
