using System;
using System.Text;
using System.Text.Json;
using KakaoPS.Http;

namespace KakaoPS.Tokens
{
    internal static class TokenFileKinds
    {
        private static readonly byte[] Marker = Encoding.ASCII.GetBytes("\"kakaops_format\"");
        private static readonly byte[] AccessToken = Encoding.ASCII.GetBytes("\"access_token\"");
        private static readonly byte[] RefreshToken = Encoding.ASCII.GetBytes("\"refresh_token\"");

        public static TokenFileKind Classify(byte[] content)
        {
            try
            {
                using var document = JsonDocument.Parse(content);
                var root = document.RootElement;
                if (root.ValueKind == JsonValueKind.Array && root.GetArrayLength() == 1)
                {
                    root = root[0];
                }

                if (root.ValueKind != JsonValueKind.Object)
                {
                    return TokenFileKind.Foreign;
                }

                if (root.TryGetProperty("kakaops_format", out _))
                {
                    return TokenFileKind.KakaoPS;
                }

                if (root.TryGetProperty("access_token", out _) || root.TryGetProperty("refresh_token", out _))
                {
                    return TokenFileKind.Tokens;
                }

                return KakaoJson.OptionalString(root, "error_code") is string code && code.StartsWith("KOE", StringComparison.Ordinal)
                    ? TokenFileKind.KakaoError
                    : TokenFileKind.Foreign;
            }
            catch (JsonException)
            {
                // Not JSON (truncated, not UTF-8): the field names still tell whose it was.
                return Contains(content, Marker) ? TokenFileKind.KakaoPS
                    : Contains(content, AccessToken) || Contains(content, RefreshToken) ? TokenFileKind.Tokens
                    : TokenFileKind.Foreign;
            }
        }

        private static bool Contains(byte[] content, byte[] needle)
        {
            for (var i = 0; i + needle.Length <= content.Length; i++)
            {
                var j = 0;
                while (j < needle.Length && content[i + j] == needle[j])
                {
                    j++;
                }

                if (j == needle.Length)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
