using System.Collections.Generic;
using System.Text.RegularExpressions;

namespace KakaoPS.Memo
{
    /// <summary>One line of a message and, for a table row, the header line of its table.</summary>
    internal readonly struct MemoLine
    {
        public MemoLine(string text, string? tableHeader = null)
        {
            Text = text;
            TableHeader = tableHeader;
        }

        public string Text { get; }

        /// <summary>The column names of the table this row belongs to; a cut that drops them puts them back.</summary>
        public string? TableHeader { get; }

        public static implicit operator MemoLine(string text) => new MemoLine(text);
    }
}
