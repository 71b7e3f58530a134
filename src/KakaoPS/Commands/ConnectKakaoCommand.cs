using System.Management.Automation;
using KakaoPS.Auth;
using KakaoPS.Kakao;
using KakaoPS.Models;

namespace KakaoPS.Commands
{
    /// <summary>
    /// Logs in: trades an authorization code (or a refresh token) for tokens, saves them to the
    /// token file and outputs the context. A failure leaves an existing token file untouched.
    /// </summary>
    [Cmdlet(VerbsCommunications.Connect, "Kakao", DefaultParameterSetName = FromEnvironmentSet)]
    [OutputType(typeof(KakaoContext))]
    public sealed class ConnectKakaoCommand : KakaoRequestCmdlet
    {
        private const string FromEnvironmentSet = "FromEnvironment";
        private const string CodeSet = "Code";
        private const string RefreshTokenSet = "RefreshToken";

        [Parameter(Mandatory = true, Position = 0, ParameterSetName = CodeSet)]
        [ValidateNotNullOrEmpty]
        public string Code { get; set; } = string.Empty;

        [Parameter(Mandatory = true, ParameterSetName = RefreshTokenSet)]
        [ValidateNotNullOrEmpty]
        public string RefreshToken { get; set; } = string.Empty;

        [Parameter]
        [Alias("ClientId")]
        [ValidateNotNullOrEmpty]
        public string? RestApiKey { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string RedirectUri { get; set; } = AuthorizeRequest.DefaultRedirectUri;

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? ClientSecret { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? TokenPath { get; set; }

        protected override void EndProcessing()
        {
            var auth = Guard(() => CreateAuthenticator(TokenPath));
            var clientId = Guard(() => RestApiKeys.Resolve(RestApiKey, Configuration));
            var clientSecret = ClientSecret ?? Configuration.ClientSecret;
            var redirectUri = Guard(() => AuthorizeRequest.ValidateRedirectUri(RedirectUri));

            var tokens = Guard(() =>
            {
                var refreshToken = ParameterSetName == RefreshTokenSet ? RefreshToken : null;
                var code = ParameterSetName == CodeSet ? Code : null;
                if (ParameterSetName == FromEnvironmentSet)
                {
                    code = Configuration.AuthorizationCode;
                    refreshToken = code == null ? Configuration.RefreshToken : null;
                    if (code == null && refreshToken == null)
                    {
                        throw new KakaoException("NoAuthorizationCode", KakaoErrorKind.InvalidArgument,
                            "No authorization code or refresh token was given, and none is set in the environment or in .env.",
                            "Run Get-KakaoAuthUrl -Open, consent in the browser, then Connect-Kakao -Code <the code= value of the address bar>. In CI, use Connect-Kakao -RefreshToken or set KAKAO_REFRESH_TOKEN.");
                    }

                    WriteVerbose(code != null ? "Using AUTHORIZATION_CODE from the environment or .env." : "Using KAKAO_REFRESH_TOKEN from the environment or .env.");
                }

                return refreshToken != null
                    ? Run(ct => auth.ConnectWithRefreshTokenAsync(clientId, refreshToken, clientSecret, ct))
                    : Run(ct => auth.ExchangeCodeAsync(clientId, redirectUri, code!, clientSecret, codeVerifier: null, ct));
            }, target: clientId);

            try
            {
                var api = new KakaoApi(auth, Log);
                var userId = Run(ct => api.GetUserIdAsync(ct));
                auth.SaveUserId(tokens, userId, CancellationToken);
            }
            catch (KakaoException e)
            {
                // The login itself succeeded; the user id is only informative.
                WriteVerbose($"Could not read the user id: {e.Message}");
            }

            WriteObject(auth.Describe(tokens));
        }
    }
}
