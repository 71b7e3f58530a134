using System.Collections.Generic;
using System.Text.RegularExpressions;

namespace KakaoPS.Memo
{
    /// <summary>
    /// Lays out PowerShell's formatted output (Out-String, formatted wide so no column is dropped) for a
    /// phone, where the font is proportional and every character counts: no blank lines, no dashed rule
    /// under a table's column names, no runs of spaces that only aligned columns on a console.
    /// </summary>
    internal static class PhoneLayout
    {
        private static readonly Regex Rule = new Regex(@"^[\s-]*-[\s-]*$", RegexOptions.CultureInvariant);
        private static readonly Regex Spaces = new Regex(@"\s{2,}", RegexOptions.CultureInvariant);

        public static IEnumerable<MemoLine> Compact(IReadOnlyList<string> formatted)
        {
            string? header = null;
            for (var i = 0; i < formatted.Count; i++)
            {
                var line = formatted[i];
                if (string.IsNullOrWhiteSpace(line))
                {
                    header = null; // a blank line ends a table
                    continue;
                }

                if (Rule.IsMatch(line))
                {
                    continue;
                }

                var text = Spaces.Replace(line.Trim(), " ");
                if (i + 1 < formatted.Count && Rule.IsMatch(formatted[i + 1]))
                {
                    header = text;
                    yield return new MemoLine(text);
                    continue;
                }

                yield return new MemoLine(text, header);
            }
        }
    }
}
