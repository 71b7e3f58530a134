using System.Management.Automation;
using KakaoPS.Api;
using KakaoPS.Commands.Base;
using KakaoPS.Models;
using KakaoPS.PowerShellAdapter;

namespace KakaoPS.Commands
{
    /// <summary>Lists the user's consent items for the app, one object each.</summary>
    [Cmdlet(VerbsCommon.Get, "KakaoScope")]
    [OutputType(typeof(KakaoScope))]
    public sealed class GetKakaoScopeCommand : KakaoRequestCmdlet
    {
        [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ConsentItemCompleter))]
        public string[]? Id { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? TokenPath { get; set; }

        protected override void EndProcessing()
        {
            var auth = Guard(() => CreateAuthenticator(TokenPath));
            Guard(() => auth.RequireTokens());
            var api = new KakaoApi(auth, Log);
            var scopes = Guard(() => Run(ct => api.GetScopesAsync(Id, ct)));
            foreach (var scope in scopes)
            {
                WriteObject(scope);
            }
        }
    }
}
