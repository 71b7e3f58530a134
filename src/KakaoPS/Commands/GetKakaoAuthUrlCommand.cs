using System.Management.Automation;
using KakaoPS.Commands.Base;
using KakaoPS.Login;
using KakaoPS.Models;
using KakaoPS.PowerShellAdapter;
using System;
using System.Globalization;
using KakaoPS.Resources;

namespace KakaoPS.Commands
{
    /// <summary>Builds the authorize URL where the user consents; -Open opens it in the browser.</summary>
    [Cmdlet(VerbsCommon.Get, "KakaoAuthUrl")]
    [OutputType(typeof(KakaoAuthUrl))]
    public sealed class GetKakaoAuthUrlCommand : KakaoTokenCmdlet
    {
        [Parameter(Position = 0)]
        [Alias("ClientId")]
        [ValidateNotNullOrEmpty]
        public string? RestApiKey { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string RedirectUri { get; set; } = AuthorizeRequest.DefaultRedirectUri;

        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ConsentItemCompleter))]
        public string[]? Scope { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? State { get; set; }

        [Parameter]
        [ValidateSet("login", "none", "create", "select_account")]
        public string[]? Prompt { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? LoginHint { get; set; }

        [Parameter]
        public SwitchParameter Open { get; set; }

        /// <summary>Starts a new login even when one for the same app, redirect URI and scopes is pending.</summary>
        [Parameter]
        public SwitchParameter New { get; set; }

        protected override void EndProcessing()
        {
            var request = Guard(() => new AuthorizeRequest
            {
                ClientId = RestApiKeys.Resolve(RestApiKey, Configuration),
                RedirectUri = AuthorizeRequest.ValidateRedirectUri(RedirectUri),
                Scopes = Scope ?? Array.Empty<string>(),
                State = State,
                Prompt = Prompt ?? Array.Empty<string>(),
                LoginHint = LoginHint,
            });
            var auth = Login();
            var login = LoginFlows(auth);
            Guard(() => login.BeginPasteLogin(request, New));
            var url = Guard(() => request.ToUri(auth.Endpoints));
            var result = new KakaoAuthUrl
            {
                Url = url.AbsoluteUri,
                ClientId = request.ClientId,
                RedirectUri = request.RedirectUri,
                Scope = Scope ?? Array.Empty<string>(),
                State = request.State,
                Prompt = Prompt ?? Array.Empty<string>(),
                LoginHint = LoginHint,
            };

            if (Open && !BrowserLauncher.TryOpen(url, out var failure))
            {
                WriteWarning(string.Format(CultureInfo.CurrentCulture, CommandMessages.BrowserNotOpened, failure, result.Url));
            }

            WriteObject(result);
        }
    }
}
