using System.Linq;
using KakaoPS.Configuration;
using KakaoPS.Errors;

namespace KakaoPS.Login
{
    /// <summary>Where the app's REST API key (client_id) comes from.</summary>
    internal static class RestApiKeys
    {
        /// <summary>The parameter, else KAKAO_REST_API_KEY / REST_API_KEY, else .env.</summary>
        public static string Resolve(string? fromParameter, KakaoConfiguration configuration)
        {
            var key = fromParameter != null ? fromParameter.Trim() : configuration.RestApiKey;
            if (string.IsNullOrEmpty(key))
            {
                throw new KakaoException("MissingRestApiKey", KakaoErrorKind.InvalidArgument,
                    fromParameter != null ? "-RestApiKey is empty." : "No REST API key was given.",
                    "Pass -RestApiKey, or set KAKAO_REST_API_KEY (or REST_API_KEY in a .env file in the current folder). The key is under [App] > [App keys] in the Kakao Developers console.");
            }

            if (key!.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
            {
                throw new KakaoException("InvalidRestApiKey", KakaoErrorKind.InvalidArgument,
                    "The REST API key contains spaces or control characters; Kakao's keys never do.",
                    "Copy the key again from [App] > [App keys] in the Kakao Developers console, without quotes or line breaks.");
            }

            return key!;
        }
    }
}
