using System;
using System.Security.Cryptography;
using System.Text;

namespace KakaoPS.Throttling
{
    /// <summary>
    /// What identifies "the same alert": the -ThrottleKey the user gave, or else what would be sent.
    /// Only a hash is kept, so the throttle file never holds message text or a user's key.
    /// </summary>
    internal static class ThrottleKey
    {
        public static string For(string? userKey, string payload) =>
            Hash(userKey != null ? "key\n" + userKey : "payload\n" + payload);

        private static string Hash(string value)
        {
            using var sha = SHA256.Create();
            var digest = sha.ComputeHash(Encoding.UTF8.GetBytes(value));
            var hex = new StringBuilder(digest.Length * 2);
            foreach (var b in digest)
            {
                hex.Append(b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
            }

            return hex.ToString();
        }
    }
}
