using System.Text;

namespace KakaoPS.Files
{
    /// <summary>
    /// Text files as Windows tools write them: Windows PowerShell 5.1's <c>&gt;</c>, <c>Out-File</c> and
    /// <c>Set-Content -Encoding Unicode</c> write UTF-16 with a byte order mark, <c>-Encoding UTF8</c> and
    /// many editors UTF-8 with one. The module reads them all as UTF-8 and writes UTF-8 without a mark.
    /// </summary>
    internal static class WindowsText
    {
        /// <summary>
        /// <paramref name="content"/> as UTF-8 without a byte order mark: the same array when it has
        /// none, else the text decoded by its mark (UTF-8, UTF-16 or UTF-32, either byte order).
        /// </summary>
        public static byte[] AsUtf8(byte[] content)
        {
            var encoding = EncodingOf(content, out var markLength);
            if (encoding == null)
            {
                return content;
            }

            var text = encoding.GetString(content, markLength, content.Length - markLength);
            return new UTF8Encoding(false, true).GetBytes(text);
        }

        private static Encoding? EncodingOf(byte[] b, out int markLength)
        {
            // Invalid bytes throw (DecoderFallbackException), as invalid UTF-8 does elsewhere.
            (Encoding? encoding, markLength) =
                b.Length >= 4 && b[0] == 0xFF && b[1] == 0xFE && b[2] == 0 && b[3] == 0 ? (new UTF32Encoding(false, false, true), 4)
                : b.Length >= 4 && b[0] == 0 && b[1] == 0 && b[2] == 0xFE && b[3] == 0xFF ? (new UTF32Encoding(true, false, true), 4)
                : b.Length >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF ? (new UTF8Encoding(false, true), 3)
                : b.Length >= 2 && b[0] == 0xFF && b[1] == 0xFE ? (new UnicodeEncoding(false, false, true), 2)
                : b.Length >= 2 && b[0] == 0xFE && b[1] == 0xFF ? (new UnicodeEncoding(true, false, true), 2)
                : ((Encoding?)null, 0);
            return encoding;
        }
    }
}
