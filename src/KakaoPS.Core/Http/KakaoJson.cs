using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace KakaoPS.Http
{
    /// <summary>JSON settings shared by every request and the token file.</summary>
    internal static class KakaoJson
    {
        /// <summary>The named string property of a JSON object; null when it is missing, not a string, or the value is no object.</summary>
        public static string? OptionalString(JsonElement element, string name) =>
            element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
                ? value.GetString()
                : null;

        /// <summary>Hangul and emoji are written as themselves, not as \u escapes.</summary>
        public static readonly JsonWriterOptions WriterOptions = new JsonWriterOptions
        {
            Encoder = MinimalJsonEncoder.Instance,
        };

        public static readonly JsonWriterOptions IndentedWriterOptions = new JsonWriterOptions
        {
            Encoder = MinimalJsonEncoder.Instance,
            Indented = true,
        };

        /// <summary>Made on first use: a text memo's send never serializes by reflection.</summary>
        public static JsonSerializerOptions SerializerOptions => Serializer.Options;

        private static class Serializer
        {
            public static readonly JsonSerializerOptions Options = new JsonSerializerOptions
            {
                Encoder = MinimalJsonEncoder.Instance,
            };
        }

        /// <summary>
        /// Escapes only what JSON requires (quote, backslash, control characters). The built-in
        /// encoders also escape every character outside the Basic Multilingual Plane, which
        /// would turn each emoji into a pair of \u escapes.
        /// </summary>
        private sealed class MinimalJsonEncoder : JavaScriptEncoder
        {
            public static readonly MinimalJsonEncoder Instance = new MinimalJsonEncoder();

            public override int MaxOutputCharactersPerInputCharacter => 6;

            public override bool WillEncode(int unicodeScalar) =>
                unicodeScalar < 0x20 || unicodeScalar == '"' || unicodeScalar == '\\'
                || unicodeScalar == 0x2028 || unicodeScalar == 0x2029;

            public override unsafe int FindFirstCharacterToEncode(char* text, int textLength)
            {
                for (var i = 0; i < textLength; i++)
                {
                    var c = text[i];
                    if (WillEncode(c))
                    {
                        return i;
                    }

                    // A lone surrogate cannot be written as UTF-8: let the writer escape it.
                    if (char.IsHighSurrogate(c))
                    {
                        if (i + 1 < textLength && char.IsLowSurrogate(text[i + 1]))
                        {
                            i++;
                            continue;
                        }

                        return i;
                    }

                    if (char.IsLowSurrogate(c))
                    {
                        return i;
                    }
                }

                return -1;
            }

            public override unsafe bool TryEncodeUnicodeScalar(int unicodeScalar, char* buffer, int bufferLength, out int numberOfCharactersWritten)
            {
                var escaped = unicodeScalar switch
                {
                    '"' => "\\\"",
                    '\\' => "\\\\",
                    '\n' => "\\n",
                    '\r' => "\\r",
                    '\t' => "\\t",
                    '\b' => "\\b",
                    '\f' => "\\f",
                    _ => unicodeScalar <= 0xFFFF ? "\\u" + unicodeScalar.ToString("X4", CultureInfo.InvariantCulture) : char.ConvertFromUtf32(unicodeScalar),
                };

                if (escaped.Length > bufferLength)
                {
                    numberOfCharactersWritten = 0;
                    return false;
                }

                for (var i = 0; i < escaped.Length; i++)
                {
                    buffer[i] = escaped[i];
                }

                numberOfCharactersWritten = escaped.Length;
                return true;
            }
        }
    }
}
