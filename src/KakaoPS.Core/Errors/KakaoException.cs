using System;
using System.Globalization;
using KakaoPS.Resources;

namespace KakaoPS.Errors
{
    /// <summary>
    /// Every failure of the core: a stable ErrorId (the Kakao code when there is one),
    /// a message and a recommended action. Messages never carry secrets.
    /// </summary>
    public sealed class KakaoException : Exception
    {
        public KakaoException(string errorId, KakaoErrorKind kind, string message, string recommendedAction,
            Exception? inner = null)
            : base(message, inner)
        {
            ErrorId = errorId;
            Kind = kind;
            RecommendedAction = recommendedAction;
        }

        /// <summary>Stable identifier: KOE320, Kakao-402, NotConnected, …</summary>
        public string ErrorId { get; }

        public KakaoErrorKind Kind { get; }

        public string RecommendedAction { get; }

        /// <summary>Kakao's own code: "KOE320" on kauth, "-402" on kapi; null when Kakao sent none.</summary>
        public string? KakaoCode { get; internal set; }

        /// <summary>HTTP status of the response, when there was one.</summary>
        public int? HttpStatus { get; internal set; }

        /// <summary>Consent items Kakao asked for on a -402 answer.</summary>
        public string[] RequiredScopes { get; internal set; } = Array.Empty<string>();

        /// <summary>True when trying the same request again later may succeed.</summary>
        public bool IsTransient { get; internal set; }

        /// <summary>How long the server asked to wait (its Retry-After header), when it said.</summary>
        public TimeSpan? RetryAfter { get; internal set; }

        /// <summary>How many times the request was sent before this failure was final.</summary>
        public int Attempts { get; internal set; } = 1;

        /// <summary>The same failure (same ErrorId, Kakao code and status) told with another message and recommended action.</summary>
        internal KakaoException Retold(string message, string recommendedAction) => Copy(message, recommendedAction, Attempts);

        /// <summary>The same error with <paramref name="note"/> added to its message (e.g. which parts of a message were delivered).</summary>
        internal KakaoException WithNote(string note) => Copy($"{EndSentence(Message)} {note}", RecommendedAction, Attempts);

        /// <summary>The same failure, its message saying how often the request was tried and why it stopped.</summary>
        internal KakaoException AfterAttempts(int attempts, string? reason)
        {
            var tried = attempts == 1 ? ErrorMessages.TriedOnce : string.Format(CultureInfo.CurrentCulture, ErrorMessages.TriedTimes, attempts);
            return Copy($"{EndSentence(Message)} {tried}{(reason == null ? "" : "; " + reason)}.", RecommendedAction, attempts);
        }

        /// <summary>
        /// The message closed as a sentence before another is added: it may end with text that is not
        /// ours, such as .NET's "Connection reset by peer".
        /// </summary>
        private static string EndSentence(string message)
        {
            var trimmed = message.TrimEnd();
            return trimmed.Length == 0 || ".!?。".IndexOf(trimmed[trimmed.Length - 1]) >= 0 ? trimmed : trimmed + ".";
        }

        private KakaoException Copy(string message, string recommendedAction, int attempts) =>
            new KakaoException(ErrorId, Kind, message, recommendedAction, InnerException)
            {
                KakaoCode = KakaoCode,
                HttpStatus = HttpStatus,
                RequiredScopes = RequiredScopes,
                IsTransient = IsTransient,
                RetryAfter = RetryAfter,
                Attempts = attempts,
            };
    }
}
