namespace KakaoPS.Tokens
{
    /// <summary>How a secret may appear anywhere a person can see it.</summary>
    internal static class Secrets
    {
        /// <summary>The first four characters and the length, e.g. <c>abcd…(58)</c>.</summary>
        public static string Mask(string? secret)
        {
            if (string.IsNullOrEmpty(secret))
            {
                return "(none)";
            }

            var shown = secret!.Length > 12 ? secret.Substring(0, 4) : string.Empty;
            return $"{shown}…({secret.Length})";
        }
    }
}
