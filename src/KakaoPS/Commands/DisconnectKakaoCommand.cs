using System.Management.Automation;
using KakaoPS.Api;
using KakaoPS.Commands.Base;
using KakaoPS.Models;

namespace KakaoPS.Commands
{
    /// <summary>Forgets the login (removes the token file); with -Revoke, Kakao revokes the tokens first. Not being connected is not an error.</summary>
    [Cmdlet(VerbsCommunications.Disconnect, "Kakao", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(KakaoContext))]
    public sealed class DisconnectKakaoCommand : KakaoRequestCmdlet
    {
        [Parameter]
        public SwitchParameter Revoke { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? TokenPath { get; set; }

        protected override void EndProcessing()
        {
            var auth = Guard(() => CreateAuthenticator(TokenPath));
            var tokens = Guard(() => auth.Load());
            if (tokens == null)
            {
                // Disconnecting twice is not an error: scripts call it in cleanup blocks.
                WriteVerbose("Not connected; nothing to do.");
                return;
            }

            var context = auth.Describe(tokens);
            var target = auth.Scope == TokenScope.Process ? "the memory-only login of this process" : auth.Store.Path;
            if (!ShouldProcess(target, Revoke ? "Log out at Kakao and forget the login" : "Forget the login"))
            {
                return;
            }

            if (Revoke)
            {
                var api = new KakaoApi(auth, Log);
                Guard(() => Run(ct => api.LogoutAsync(ct)), target);
            }

            auth.Forget();
            if (PassThru)
            {
                WriteObject(context);
            }
        }
    }
}
