using System.Globalization;
using System.Management.Automation;
using KakaoPS.Commands.Base;
using KakaoPS.Models;
using KakaoPS.Resources;

namespace KakaoPS.Commands
{
    /// <summary>Shows what KakaoPS is connected as, without calling Kakao; nothing when it is not connected.</summary>
    [Cmdlet(VerbsCommon.Get, "KakaoContext")]
    [OutputType(typeof(KakaoContext))]
    public sealed class GetKakaoContextCommand : KakaoTokenCmdlet
    {
        /// <summary>Adds the refresh token as a SecureString, e.g. to store a rotated one as a CI secret.</summary>
        [Parameter]
        public SwitchParameter IncludeRefreshToken { get; set; }

        protected override void EndProcessing()
        {
            var auth = Login();
            if (TokenPath == null && Guard(auth.Load) == null)
            {
                // Logged out is no error: like Get-AzContext and Get-MgContext, nothing to show.
                WriteVerbose(auth.Store.FilePath is string path
                    ? string.Format(CultureInfo.CurrentCulture, TokenMessages.NotConnectedFile, path)
                    : TokenMessages.NotConnectedProcess);
                return;
            }

            WriteObject(auth.Describe(RequireTokens(auth), IncludeRefreshToken));
        }
    }
}
