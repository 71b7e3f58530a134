using System;
using System.Security.Cryptography;
using System.Text;

namespace KakaoPS.Login
{
    /// <summary>PKCE (RFC 7636, S256) and the random state that ties a redirect to its request.</summary>
    internal static class Pkce
    {
        /// <summary>43 characters of base64url from 32 random bytes: the shortest verifier the RFC allows.</summary>
        public static string NewVerifier() => Base64Url(RandomBytes(32));

        public static string NewState() => Base64Url(RandomBytes(16));

        public static string Challenge(string verifier)
        {
            using var sha = SHA256.Create();
            return Base64Url(sha.ComputeHash(Encoding.ASCII.GetBytes(verifier)));
        }

        private static byte[] RandomBytes(int count)
        {
            var bytes = new byte[count];
            using var random = RandomNumberGenerator.Create();
            random.GetBytes(bytes);
            return bytes;
        }

        private static string Base64Url(byte[] bytes) =>
            Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }
}
