using System.Security;

namespace KakaoPS.Tokens
{
    /// <summary>Secrets handed to the user as SecureString, built in one place.</summary>
    internal static class SecureText
    {
        /// <summary>A read-only SecureString holding <paramref name="value"/>, or null for null.</summary>
        public static SecureString? From(string? value)
        {
            if (value == null)
            {
                return null;
            }

            var secure = new SecureString();
            foreach (var c in value)
            {
                secure.AppendChar(c);
            }

            secure.MakeReadOnly();
            return secure;
        }
    }
}
