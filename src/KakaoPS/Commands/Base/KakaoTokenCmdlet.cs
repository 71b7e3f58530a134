using System.Management.Automation;
using KakaoPS.Api;
using KakaoPS.Login;
using KakaoPS.Models;
using KakaoPS.Tokens;

namespace KakaoPS.Commands.Base
{
    /// <summary>
    /// A cmdlet that uses the login: -TokenPath names the token file (and the pending logins beside
    /// it); without it the configured token file or the memory-only login is used. The set-up every
    /// such cmdlet shares is here, each step a terminating error when it fails.
    /// </summary>
    public abstract class KakaoTokenCmdlet : KakaoCmdlet
    {
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? TokenPath { get; set; }

        /// <summary>The login's lifecycle over its store; <paramref name="scope"/> picks the store for a new login.</summary>
        private protected KakaoAuthenticator Login(TokenScope? scope = null) => Guard(() => CreateAuthenticator(TokenPath, scope));

        /// <summary>Kakao's API as the logged-in user; not being connected stops the command before anything is sent.</summary>
        private protected KakaoApi ConnectedApi()
        {
            var auth = Login();
            Guard(() => auth.RequireTokens());
            return new KakaoApi(auth, Log);
        }

        /// <summary>The login flows, once the endpoints are known to be safe to send a login to.</summary>
        private protected KakaoLogin LoginFlows(KakaoAuthenticator auth)
        {
            Guard(auth.Endpoints.RequireSafeTransport);
            return new KakaoLogin(auth, OpenTokenStore(TokenPath), Log);
        }
    }
}
