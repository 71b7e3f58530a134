using System.Management.Automation;
using KakaoPS.Kakao;
using KakaoPS.Models;

namespace KakaoPS.Commands
{
    /// <summary>Removes the token file; with -Revoke, Kakao revokes the tokens first.</summary>
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
            var tokens = Guard(() => auth.RequireTokens());
            var context = auth.Describe(tokens);
            if (!ShouldProcess(auth.Store.Path, Revoke ? "Log out at Kakao and remove the token file" : "Remove the token file"))
            {
                return;
            }

            if (Revoke)
            {
                var api = new KakaoApi(auth, Log);
                Guard(() => Run(ct => api.LogoutAsync(ct)), auth.Store.Path);
            }

            auth.Store.Delete();
            KakaoSession.Instance.Forget();
            if (PassThru)
            {
                WriteObject(context);
            }
        }
    }
}
