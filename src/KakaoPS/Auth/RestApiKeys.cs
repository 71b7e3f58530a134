using KakaoPS.Kakao;

namespace KakaoPS.Auth
{
    /// <summary>Where the app's REST API key (client_id) comes from.</summary>
    public static class RestApiKeys
    {
        /// <summary>The parameter, else KAKAO_REST_API_KEY / REST_API_KEY, else .env.</summary>
        public static string Resolve(string? fromParameter, KakaoConfiguration configuration) =>
            !string.IsNullOrWhiteSpace(fromParameter)
                ? fromParameter!.Trim()
                : configuration.RestApiKey ?? throw new KakaoException("MissingRestApiKey", KakaoErrorKind.InvalidArgument,
                    "No REST API key was given.",
                    "Pass -RestApiKey, or set KAKAO_REST_API_KEY (or REST_API_KEY in a .env file in the current folder). The key is under [App] > [App keys] in the Kakao Developers console.");
    }
}
