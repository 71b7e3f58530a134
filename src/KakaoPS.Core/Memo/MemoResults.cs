using System;
using KakaoPS.Models;

namespace KakaoPS.Memo
{
    /// <summary>The results of sending memos, made from what was sent: the one place a <see cref="KakaoMemoResult"/> is filled in.</summary>
    internal static class MemoResults
    {
        /// <summary>A message -Throttle held back: nothing was sent, so no result code, attempt or time.</summary>
        public static KakaoMemoResult Held(MemoRequest request, int heldBack)
        {
            var result = Create(request, resultCode: 0, attempts: 0);
            result.Success = false;
            result.Suppressed = true;
            result.HeldBack = heldBack;
            result.SentAt = null;
            return result;
        }

        /// <summary>A delivered message's result, with how many repeats -Throttle held back before it.</summary>
        public static KakaoMemoResult WithHeldBack(KakaoMemoResult result, int heldBack)
        {
            result.HeldBack = heldBack;
            return result;
        }

        /// <summary>The one place a result is made from what was sent and Kakao's answer.</summary>
        public static KakaoMemoResult Create(MemoRequest request, int resultCode, int attempts)
        {
            var part = request.Part;
            return new KakaoMemoResult
            {
                Success = resultCode == 0,
                ResultCode = resultCode,
                TemplateType = request.TemplateType,
                Text = part?.Text ?? request.Summary,
                Part = part?.Part ?? 1,
                Parts = part?.Parts ?? 1,
                Truncated = part?.Truncated ?? false,
                OmittedCharacters = part?.OmittedCharacters ?? 0,
                OmittedLines = part?.OmittedLines ?? 0,
                TemplateId = request.TemplateId,
                ScrapUrl = request.ScrapUrl,
                SentAt = DateTimeOffset.Now,
                Attempts = attempts,
            };
        }
    }
}
