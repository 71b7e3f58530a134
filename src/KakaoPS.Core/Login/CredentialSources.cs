using KakaoPS.Configuration;
using KakaoPS.Errors;
using KakaoPS.Resources;
using System.Globalization;

namespace KakaoPS.Login
{
    /// <summary>
    /// What Connect-Kakao says about a code or refresh token it found in .env or the environment
    /// rather than in its parameters: where it came from, and how to stop it being used.
    /// </summary>
    internal static class CredentialSources
    {
        public static string UsingCode(ConfiguredValue code) => string.Format(CultureInfo.CurrentCulture, CredentialMessages.UsingCodeFrom, code.Source);

        public static string UsingRefreshToken(ConfiguredValue token) => string.Format(CultureInfo.CurrentCulture, CredentialMessages.UsingRefreshTokenFrom, token.Source);

        /// <summary>KOE320: the code was used before or has expired, as a code left in .env by the lesson always is.</summary>
        public static bool IsStaleCode(KakaoException e) => e.KakaoCode == "KOE320";

        /// <summary>The warning when a stale code is skipped for the browser login.</summary>
        public static string StaleCodeSkipped(ConfiguredValue code, KakaoException e) =>
            string.Format(CultureInfo.CurrentCulture, CredentialMessages.StaleCodeSkipped, code.Source, e.KakaoCode, RemoveIt(code));

        /// <summary>Kakao's refusal of a code from <paramref name="code"/>'s source, naming it.</summary>
        public static KakaoException CodeRefused(KakaoException e, ConfiguredValue code) =>
            e.KakaoCode == null ? e : e.Retold(string.Format(CultureInfo.CurrentCulture, CredentialMessages.CodeRefused, code.Source, e.Message), e.RecommendedAction + " " + RemoveIt(code));

        /// <summary>
        /// Kakao's refusal of a refresh token from <paramref name="token"/>'s source, naming it. A dead
        /// token (KOE319, KOE322) gets advice that does not repeat the command that just used it.
        /// </summary>
        public static KakaoException RefreshTokenRefused(KakaoException e, ConfiguredValue token)
        {
            if (e.KakaoCode == null)
            {
                return e;
            }

            var dead = e.KakaoCode == "KOE322" || e.KakaoCode == "KOE319";
            var action = !dead
                ? e.RecommendedAction
                : token.DotEnvPath != null
                    ? string.Format(CultureInfo.CurrentCulture, CredentialMessages.StaleRefreshTokenInDotEnv, token.Name, token.DotEnvPath)
                    : string.Format(CultureInfo.CurrentCulture, CredentialMessages.StaleRefreshTokenInEnvironment, token.Name);
            return e.Retold(string.Format(CultureInfo.CurrentCulture, CredentialMessages.RefreshTokenRefused, token.Source, e.Message), action);
        }

        private static string RemoveIt(ConfiguredValue value) =>
            value.DotEnvPath != null
                ? string.Format(CultureInfo.CurrentCulture, CredentialMessages.RemoveFromDotEnv, value.Name, value.DotEnvPath)
                : string.Format(CultureInfo.CurrentCulture, CredentialMessages.RemoveFromEnvironment, value.Name);
    }
}
