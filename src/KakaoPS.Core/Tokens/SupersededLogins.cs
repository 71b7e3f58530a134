using System;
using System.Collections.Generic;
using System.Security.Cryptography;
using System.Text;

namespace KakaoPS.Tokens
{
    /// <summary>
    /// Logins that were refused after Kakao had already replaced the refresh token they were made from
    /// (a saved login of another user was not replaced): the new tokens, held for this process by the
    /// replaced token's hash, so that the same Connect-Kakao run again with -Force or -ContextScope Process
    /// takes them instead of asking Kakao with a token that no longer works.
    /// </summary>
    internal sealed class SupersededLogins
    {
        private readonly object _gate = new object();
        private readonly Dictionary<string, TokenSet> _held = new Dictionary<string, TokenSet>(StringComparer.Ordinal);

        public void Hold(string replacedRefreshToken, TokenSet issued)
        {
            lock (_gate)
            {
                _held[Key(replacedRefreshToken)] = issued;
            }
        }

        /// <summary>The tokens Kakao issued for <paramref name="replacedRefreshToken"/> of the app <paramref name="clientId"/>, or null.</summary>
        public TokenSet? Find(string replacedRefreshToken, string clientId)
        {
            lock (_gate)
            {
                return _held.TryGetValue(Key(replacedRefreshToken), out var issued) && string.Equals(issued.ClientId, clientId, StringComparison.Ordinal)
                    ? issued
                    : null;
            }
        }

        public void Release(string replacedRefreshToken)
        {
            lock (_gate)
            {
                _held.Remove(Key(replacedRefreshToken));
            }
        }

        public void Clear()
        {
            lock (_gate)
            {
                _held.Clear();
            }
        }

        /// <summary>A hash, so that the replaced token itself is not kept.</summary>
        private static string Key(string refreshToken)
        {
            using var sha = SHA256.Create();
            return Convert.ToBase64String(sha.ComputeHash(Encoding.UTF8.GetBytes(refreshToken)));
        }
    }
}
