using System.Management.Automation;

namespace KakaoPS.Commands.Base
{
    /// <summary>
    /// A cmdlet that uses the login: -TokenPath names the token file (and the pending logins beside
    /// it); without it the configured token file or the memory-only login is used.
    /// </summary>
    public abstract class KakaoTokenCmdlet : KakaoCmdlet
    {
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? TokenPath { get; set; }
    }
}
