using System.Linq;
using KakaoPS.Configuration;
using KakaoPS.Errors;
using KakaoPS.Resources;

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
                    fromParameter != null ? LoginMessages.MissingRestApiKeyParameter : LoginMessages.MissingRestApiKey,
                    LoginMessages.MissingRestApiKeyAction);
            }

            if (key!.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
            {
                throw new KakaoException("InvalidRestApiKey", KakaoErrorKind.InvalidArgument,
                    LoginMessages.InvalidRestApiKey, LoginMessages.InvalidRestApiKeyAction);
            }

            return key!;
        }
    }
}
