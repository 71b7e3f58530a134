using System.Management.Automation;
using KakaoPS.Models;

namespace KakaoPS.Commands
{
    /// <summary>Shows what KakaoPS is connected as, from the token file, without calling Kakao.</summary>
    [Cmdlet(VerbsCommon.Get, "KakaoContext")]
    [OutputType(typeof(KakaoContext))]
    public sealed class GetKakaoContextCommand : KakaoCmdlet
    {
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? TokenPath { get; set; }

        protected override void EndProcessing()
        {
            var auth = Guard(() => CreateAuthenticator(TokenPath));
            var tokens = Guard(() => auth.RequireTokens());
            WriteObject(auth.Describe(tokens));
        }
    }
}
