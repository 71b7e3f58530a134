using System.Globalization;
using System.Management.Automation;
using KakaoPS.Errors;
using KakaoPS.Models;
using KakaoPS.Resources;
using KakaoPS.Tokens;

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

        /// <summary>
        /// The saved login, or the NotConnected error. A -TokenPath with no file is most often a typo:
        /// it is told so, since Connect-Kakao there would make a second login at the typo.
        /// </summary>
        private protected TokenSet RequireTokens(KakaoAuthenticator auth) => Guard(() =>
        {
            try
            {
                return auth.RequireTokens();
            }
            catch (KakaoException e) when (e.ErrorId == "NotConnected" && TokenPath != null && auth.Scope == TokenScope.CurrentUser)
            {
                throw e.Retold(string.Format(CultureInfo.CurrentCulture, TokenMessages.TokenPathNotFound, auth.Store.Path), TokenMessages.TokenPathNotFoundAction);
            }
        });
    }
}
