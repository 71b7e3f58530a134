using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using KakaoPS.Memo;

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

        /// <summary>
        /// The key of one message, all its parts together: -ThrottleKey, or else what would be sent
        /// before any held-back note. For text that is the text of every part (so with -Overflow
        /// Split, the whole text: one decision for all parts), not its links; for a template the
        /// template JSON; for a console template or a scrap the template id, arguments and page.
        /// </summary>
        public static string For(string? userKey, IReadOnlyList<MemoRequest> requests) =>
            For(userKey, requests.All(r => r.Part != null)
                ? "text\n" + string.Join("\n", requests.Select(r => r.Part!.Text))
                : string.Join("\n", requests.Select(r => r.Path + "\n" + string.Join("\n", r.Form.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => f.Key + "=" + f.Value)))));

        /// <summary>A key as <see cref="For(string?, string)"/> makes them: 64 lowercase hex digits (the first two name its shard).</summary>
        public static bool IsHash(string value) =>
            value.Length == 64 && value.All(c => (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'));

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
