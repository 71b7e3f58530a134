using System.Globalization;
using System;
using System.Management.Automation;
using System.Security;
using KakaoPS.Commands.Base;
using KakaoPS.Configuration;
using KakaoPS.Errors;
using KakaoPS.Login;
using KakaoPS.Models;
using KakaoPS.PowerShellAdapter;
using KakaoPS.Resources;
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
    public sealed class ConnectKakaoCommand : KakaoTokenCmdlet
    {
        private const string BrowserSet = "Browser";
        private const string CodeSet = "Code";
        private const string RedirectedUrlSet = "RedirectedUrl";
        private const string RefreshTokenSet = "RefreshToken";

        // Kept as a number: a cmdlet's fields hold no value type of KakaoPS.Core, so that PowerShell
        // can list the cmdlets before the compiled core is loaded (PowerShellAdapter/CompiledCore).
        private int _contextScope = (int)TokenScope.CurrentUser;

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
        [ArgumentCompleter(typeof(ConsentItemCompleter))]
        public string[]? Scope { get; set; }

        [Parameter(ParameterSetName = BrowserSet)]
        [ValidateRange(1, 3600)]
        public int TimeoutSec { get; set; } = 120;

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? ClientSecret { get; set; }

        [Parameter]
        public TokenScope ContextScope
        {
            get => (TokenScope)_contextScope;
            set => _contextScope = (int)value;
        }

        /// <summary>
        /// Runs whenever Kakao issues a new refresh token for this login, in this command or a later one
        /// of this process, with the token as a SecureString: for a CI job to write it back to its secret.
        /// </summary>
        [Parameter]
        [ValidateNotNull]
        public ScriptBlock? OnRefreshTokenRotated { get; set; }

        /// <summary>Replaces a saved login of another Kakao user (or app) without asking.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override void EndProcessing()
        {
            var auth = Login(ContextScope);
            var login = LoginFlows(auth);
            auth.ConfirmReplacement = replacement => OnPipelineThreadAsync(() => ConfirmReplacement(replacement));
            var clientId = Guard(() => RestApiKeys.Resolve(RestApiKey, Configuration));
            var clientSecret = ClientSecret ?? Configuration.ClientSecret;
            if (RedirectUri != null)
            {
                Guard(() => AuthorizeRequest.ValidateRedirectUri(RedirectUri));
            }

            var request = new ConnectRequest
            {
                ClientId = clientId,
                ClientSecret = clientSecret,
                RedirectUri = RedirectUri,
                Code = ParameterSetName == CodeSet ? Code : null,
                RedirectedUrl = ParameterSetName == RedirectedUrlSet ? RedirectedUrl : null,
                RefreshToken = ParameterSetName == RefreshTokenSet ? SecureStringArgumentAttribute.Reveal(RefreshToken) : null,
                Scopes = Scope,
                BrowserTimeout = TimeSpan.FromSeconds(TimeoutSec),
                OpenBrowser = OpenBrowser,
            };
            var tokens = Guard(() => Run(ct => login.ConnectAsync(request, Configuration, ct)), target: clientId);

            RefreshTokenRotatedHandlers.Set(auth.Store.Name, OnRefreshTokenRotated, tokens);
            WriteObject(auth.Describe(tokens));
        }

        /// <summary>This login's rotations go to this command's script block (or none), not to one an earlier login left.</summary>
        private protected override bool HasRotationHandler(string login) => OnRefreshTokenRotated != null;

        private protected override HandOffRoute RouteRotation(string login, TokenSet rotated, Func<string, string> handlerFailed, out ScriptBlock? handler)
        {
            handler = OnRefreshTokenRotated;
            return handler == null ? HandOffRoute.None : HandOffRoute.Here;
        }

        /// <summary>-Force, else the user's answer; a session that cannot ask (CI, -NonInteractive) says no.</summary>
        private bool ConfirmReplacement(LoginReplacement replacement)
        {
            if (Force)
            {
                WriteVerbose(replacement.Description);
                return true;
            }

            try
            {
                // No is the default: Enter alone must not hand the saved login to a code or token of unknown origin.
                var choices = new System.Collections.ObjectModel.Collection<System.Management.Automation.Host.ChoiceDescription>
                {
                    new System.Management.Automation.Host.ChoiceDescription(CredentialMessages.ReplaceLoginYes, CredentialMessages.ReplaceLoginYesHelp),
                    new System.Management.Automation.Host.ChoiceDescription(CredentialMessages.ReplaceLoginNo, CredentialMessages.ReplaceLoginNoHelp),
                };
                var answer = Host.UI.PromptForChoice(CredentialMessages.ReplaceLoginCaption,
                    string.Format(CultureInfo.CurrentCulture, CredentialMessages.ReplaceLoginQuery, replacement.Description), choices, 1);
                replacement.Asked = true;
                return answer == 0;
            }
            catch (Exception e) when (e is PSInvalidOperationException || e is System.Management.Automation.Host.HostException || e is NotImplementedException || e is PSNotImplementedException)
            {
                return false;
            }
        }

        /// <summary>True when a browser was started; otherwise the URL is shown in a warning.</summary>
        private bool OpenBrowser(Uri url)
        {
            if (BrowserLauncher.TryOpen(url, out var failure))
            {
                return true;
            }

            Log.Warning(string.Format(System.Globalization.CultureInfo.CurrentCulture, Resources.LoginMessages.BrowserNotOpened, failure, url.AbsoluteUri));
            return false;
        }
    }
}
