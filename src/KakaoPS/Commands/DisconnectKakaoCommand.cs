using System.Management.Automation;
using KakaoPS.Api;
using KakaoPS.Commands.Base;
using KakaoPS.Errors;
using KakaoPS.Models;
using KakaoPS.PowerShellAdapter;
using KakaoPS.Tokens;
using KakaoPS.Resources;
using KakaoPS.Session;

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

        protected override void EndProcessing()
        {
            var auth = Login();
            TokenSet? tokens = null;
            var broken = false;
            try
            {
                tokens = auth.Load();
            }
            catch (KakaoException e) when (e.ErrorId == "TokenFileInvalid")
            {
                // A broken login can always be removed; there is nothing to revoke with it.
                WriteVerbose(e.Message);
                broken = true;
            }
            catch (KakaoException e)
            {
                ThrowTerminatingError(ToErrorRecord(e, TokenPath));
            }

            if (tokens == null && !broken)
            {
                // Disconnecting twice is not an error: scripts call it in cleanup blocks.
                WriteVerbose(CommandMessages.NotConnectedNothingToDo);
                return;
            }

            var context = tokens == null ? null : auth.Describe(tokens);
            var target = auth.Store.Target;
            if (!ShouldProcess(target, Revoke ? CommandMessages.LogOutAndForget : CommandMessages.ForgetLogin))
            {
                return;
            }

            if (Revoke && tokens != null)
            {
                var api = new KakaoApi(auth, Log);
                Guard(() => Run(ct => api.LogoutAsync(ct)), target);
            }

            Guard(() => Run(ct => auth.ForgetAsync(ct)), target);
            KakaoSession.Instance.Forget();
            RefreshTokenRotatedHandlers.Forget(auth.Store.Name);
            if (PassThru && context != null)
            {
                WriteObject(context);
            }
        }
    }
}
