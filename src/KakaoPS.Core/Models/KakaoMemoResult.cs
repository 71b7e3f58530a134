using System;
using System.Globalization;
using KakaoPS.Resources;

namespace KakaoPS.Models
{
    /// <summary>One message sent to "나와의 채팅".</summary>
    public sealed class KakaoMemoResult
    {
        public bool Success { get; set; }

        /// <summary>Kakao's result_code: 0 when the message was sent.</summary>
        public int ResultCode { get; set; }

        /// <summary>text, feed, list, location, commerce, custom or scrap.</summary>
        public string TemplateType { get; set; } = "text";

        /// <summary>
        /// The text as sent; for another template, what the message shows first (its title or header),
        /// for a console template its id and arguments, for a scrap its page.
        /// </summary>
        public string? Text { get; set; }
        public int Part { get; set; } = 1;
        public int Parts { get; set; } = 1;
        public bool Truncated { get; set; }
        public int OmittedCharacters { get; set; }
        public int OmittedLines { get; set; }

        /// <summary>The console template used (custom, and scrap when one was given).</summary>
        public long? TemplateId { get; set; }

        /// <summary>The page a scrap message shows.</summary>
        public string? ScrapUrl { get; set; }
        /// <summary>When Kakao accepted the message, in local time; null for a message that was not sent (held back by -Throttle).</summary>
        public DateTimeOffset? SentAt { get; set; }

        /// <summary>How many times the request was sent before Kakao answered.</summary>
        public int Attempts { get; set; } = 1;

        /// <summary>Held back by -Throttle: the same alert went out within the window, so nothing was sent (not an error).</summary>
        public bool Suppressed { get; set; }

        /// <summary>
        /// With -Throttle: for a held-back message, how many repeats are held back now, this one
        /// included; for a sent one, how many were held back before it (its note says so).
        /// </summary>
        public int HeldBack { get; set; }

        public override string ToString() =>
            Success ? string.Format(CultureInfo.CurrentCulture, ModelMessages.MemoSent, TemplateType, Part, Parts)
            : Suppressed ? string.Format(CultureInfo.CurrentCulture, ModelMessages.MemoHeldBack, TemplateType, Part, Parts)
            : string.Format(CultureInfo.CurrentCulture, ModelMessages.MemoNotSent, ResultCode);
    }
}
