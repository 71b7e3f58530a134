using System.Globalization;

namespace KakaoPS.Memo
{
    /// <summary>
    /// Cuts text only between text elements, so no surrogate pair (emoji) or combining sequence
    /// (decomposed Hangul, accents, emoji with modifiers) is ever split.
    /// </summary>
    internal static class TextElements
    {
        /// <summary>How many characters the user sees: text elements, so an emoji or a decomposed syllable is one.</summary>
        public static int Count(string text)
        {
            foreach (var c in text)
            {
                // Below U+0300 every UTF-16 unit is a character of its own (line breaks are never inside a line).
                if (c >= '\u0300')
                {
                    return new StringInfo(text).LengthInTextElements;
                }
            }

            return text.Length;
        }

        /// <summary>The longest start of <paramref name="text"/> of at most <paramref name="maxLength"/> UTF-16 units.</summary>
        public static string Head(string text, int maxLength)
        {
            if (text.Length <= maxLength)
            {
                return text;
            }

            var end = 0;
            foreach (var start in StringInfo.ParseCombiningCharacters(text))
            {
                if (start > maxLength)
                {
                    break;
                }

                end = start;
            }

            return text.Substring(0, end);
        }

        /// <summary>The longest end of <paramref name="text"/> of at most <paramref name="maxLength"/> UTF-16 units.</summary>
        public static string Tail(string text, int maxLength)
        {
            if (text.Length <= maxLength)
            {
                return text;
            }

            foreach (var start in StringInfo.ParseCombiningCharacters(text))
            {
                if (text.Length - start <= maxLength)
                {
                    return text.Substring(start);
                }
            }

            return string.Empty;
        }
    }
}
