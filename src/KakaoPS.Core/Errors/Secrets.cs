using System.Text.RegularExpressions;

namespace KakaoPS.Errors
{
    /// <summary>How a secret may appear anywhere a person can see it.</summary>
    internal static class Secrets
    {
        private static readonly Regex Echoed = new Regex(
            @"(?<![A-Za-z0-9_])(?<name>(?:[A-Za-z0-9]+_)*token|client_secret|code_verifier|code)(?<equals>\s*=\s*)(?<value>[^\s&,;""'<>]+)",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

        /// <summary>
        /// Text from outside (Kakao's error_description, a redirect's error text) with the value of
        /// every <c>*_token=</c>, <c>client_secret=</c>, <c>code_verifier=</c> and <c>code=</c>
        /// replaced by an ellipsis: Kakao echoes what it was sent.
        /// </summary>
        public static string ScrubEchoes(string? text) =>
            string.IsNullOrEmpty(text) ? string.Empty : Echoed.Replace(text, m => m.Groups["name"].Value + m.Groups["equals"].Value + "…");
    }
}
