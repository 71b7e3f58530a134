using System.Linq;
using System.Management.Automation;
using KakaoPS.Api;
using KakaoPS.Commands.Base;
using KakaoPS.Models;

namespace KakaoPS.Commands
{
    /// <summary>
    /// Checks what a send needs and says how to fix what is missing; with -Quiet, one Boolean for a CI gate.
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Test, "KakaoConnection")]
    [OutputType(typeof(KakaoConnectionCheck), typeof(bool))]
    public sealed class TestKakaoConnectionCommand : KakaoRequestCmdlet
    {
        [Parameter]
        public SwitchParameter Quiet { get; set; }

        protected override void EndProcessing()
        {
            var auth = Login();
            var checks = Run(ct => new ConnectionChecks(auth, new KakaoApi(auth, Log)).RunAsync(ct));
            if (Quiet)
            {
                WriteObject(checks.All(c => c.Ok));
                return;
            }

            foreach (var check in checks)
            {
                WriteObject(check);
            }
        }
    }
}
