using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using KakaoPS.Errors;
using KakaoPS.Models;
using KakaoPS.Resources;

namespace KakaoPS.Memo
{
    /// <summary>One message's text after the 200-character rule was applied.</summary>
    internal sealed class MemoText
    {
        public string Text { get; set; } = string.Empty;
        public int Part { get; set; } = 1;
        public int Parts { get; set; } = 1;
        public bool Truncated { get; set; }

        /// <summary>Characters left out, counted as the user counts them (text elements: an emoji is one).</summary>
        public int OmittedCharacters { get; set; }
        public int OmittedLines { get; set; }

        /// <summary>What the user is told about a cut (set on the first part only), or null when nothing was left out.</summary>
        internal string? CutWarning { get; set; }

        /// <summary>The sender's note this part ends with (set on the part that carries it), or null.</summary>
        public string? Note { get; set; }

        /// <summary>When this part was not delivered: which parts were and which were not (later parts are not sent).</summary>
        internal string DeliveryNote()
        {
            var notSent = Part == Parts
                ? string.Format(CultureInfo.CurrentCulture, MemoMessages.PartNotDelivered, Part)
                : string.Format(CultureInfo.CurrentCulture, MemoMessages.PartsNotDelivered, Part, Parts);
            return Part switch
            {
                1 => string.Format(CultureInfo.CurrentCulture, MemoMessages.NoPartDelivered, Parts),
                2 => string.Format(CultureInfo.CurrentCulture, MemoMessages.OnePartDelivered, Parts, notSent),
                _ => string.Format(CultureInfo.CurrentCulture, MemoMessages.PartsDelivered, Part - 1, Parts, notSent),
            };
        }
    }
}
