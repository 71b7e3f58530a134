using System;
using System.Linq;
using System.Text;
using System.Text.Json;
using KakaoPS.Http;

namespace KakaoPS.Tokens
{
    /// <summary>Tells what a file at the token path is (<see cref="TokenFileKind"/>) from its bytes, before anything is done to it.</summary>
    internal static class TokenFileKinds
    {
        private static readonly byte[] Marker = Encoding.ASCII.GetBytes("\"kakaops_format\"");

        /// <summary>The fields Kakao's token response (and so the lesson's file) starts with.</summary>
        private static readonly byte[][] KakaoFirstFields =
        {
            Encoding.ASCII.GetBytes("\"access_token\""), Encoding.ASCII.GetBytes("\"token_type\""), Encoding.ASCII.GetBytes("\"refresh_token\""),
        };

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
                // Not JSON: a token file damaged since it was written (truncated, not UTF-8) still starts as a JSON
                // object, with the marker or with one of Kakao's fields first. Field names elsewhere tell nothing: a
                // script that reads the tokens (the lesson's) or a README names them too, and such a file is never touched.
                var start = ObjectStart(content);
                return start < 0 ? TokenFileKind.Foreign
                    : Contains(content, Marker) ? TokenFileKind.KakaoPS
                    : KakaoFirstFields.Any(field => StartsWith(content, start, field)) ? TokenFileKind.Tokens
                    : TokenFileKind.Foreign;
            }
        }

        /// <summary>Where the first key of a JSON object starts (its opening quote), after a byte order mark and white space; -1 when the content does not start as an object.</summary>
        private static int ObjectStart(byte[] content)
        {
            var i = content.Length >= 3 && content[0] == 0xEF && content[1] == 0xBB && content[2] == 0xBF ? 3 : 0;
            i = SkipSpace(content, i);
            if (i >= content.Length || content[i] != '{')
            {
                return -1;
            }

            return SkipSpace(content, i + 1);
        }

        private static int SkipSpace(byte[] content, int i)
        {
            while (i < content.Length && (content[i] == ' ' || content[i] == '\t' || content[i] == '\r' || content[i] == '\n'))
            {
                i++;
            }

            return i;
        }

        private static bool StartsWith(byte[] content, int start, byte[] prefix) =>
            content.Length - start >= prefix.Length && content.AsSpan(start, prefix.Length).SequenceEqual(prefix);

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
