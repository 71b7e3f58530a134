using System.Management.Automation;
using KakaoPS.Commands.Base;
using KakaoPS.Models;

namespace KakaoPS.Commands
{
    /// <summary>Shows what KakaoPS is connected as, without calling Kakao.</summary>
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
            var tokens = Guard(() => auth.RequireTokens());
            WriteObject(auth.Describe(tokens, IncludeRefreshToken));
        }
    }
}
