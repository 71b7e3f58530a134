using System;

namespace KakaoPS.Models
{
    /// <summary>One message sent to "나와의 채팅" (or that would be sent, with -WhatIf).</summary>
    public sealed class KakaoMemoResult
    {
        public bool Success { get; set; }

        /// <summary>Kakao's result_code: 0 when the message was sent.</summary>
        public int ResultCode { get; set; }

        /// <summary>text, feed, list, location, commerce, custom or scrap.</summary>
        public string TemplateType { get; set; } = "text";

        /// <summary>The text as sent (for text templates).</summary>
        public string? Text { get; set; }
        public int Part { get; set; } = 1;
        public int Parts { get; set; } = 1;
        public bool Truncated { get; set; }
        public int OmittedCharacters { get; set; }
        public int OmittedLines { get; set; }
        public DateTimeOffset SentAt { get; set; }
        public int Attempts { get; set; } = 1;

        public override string ToString() => Success ? $"Sent {TemplateType} memo ({Part}/{Parts})" : $"Not sent ({ResultCode})";
    }
}
