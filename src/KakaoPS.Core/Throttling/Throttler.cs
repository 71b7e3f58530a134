using System;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using KakaoPS.Errors;
using KakaoPS.Resources;

namespace KakaoPS.Throttling
{
    /// <summary>
    /// One command's -Throttle: its window, the -ThrottleKey if given, and the throttle folder the
    /// decisions are shared through; and what the user is told about alerts held back.
    /// </summary>
    internal sealed class Throttler
    {
        public static readonly TimeSpan ShortestWindow = TimeSpan.FromSeconds(1);
        public static readonly TimeSpan LongestWindow = TimeSpan.FromDays(365);

        private readonly TimeSpan _window;
        private readonly ThrottleFolder _folder;

        public Throttler(TimeSpan window, string? userKey, ThrottleFolder folder)
        {
            _window = window;
            UserKey = userKey;
            _folder = folder;
        }

        /// <summary>-ThrottleKey: when given, every message of the command is this one alert.</summary>
        public string? UserKey { get; }

        /// <summary>Refuses a window that is none (a plain number binds as ticks) and a key without a window, before anything is sent.</summary>
        public static void CheckParameters(TimeSpan? window, string? userKey)
        {
            if (window is TimeSpan given && (given < ShortestWindow || given > LongestWindow))
            {
                throw new KakaoException("InvalidThrottle", KakaoErrorKind.InvalidArgument,
                    string.Format(CultureInfo.CurrentCulture, ThrottleMessages.InvalidThrottle, given.ToString("c", CultureInfo.InvariantCulture)),
                    ThrottleMessages.InvalidThrottleAction);
            }

            if (window == null && userKey != null)
            {
                throw new KakaoException("ThrottleKeyWithoutThrottle", KakaoErrorKind.InvalidArgument,
                    ThrottleMessages.ThrottleKeyWithoutThrottle, ThrottleMessages.ThrottleKeyWithoutThrottleAction);
            }
        }

        public Task<ThrottleDecision> DecideAsync(string key, CancellationToken cancellationToken) =>
            _folder.DecideAsync(key, _window, DateTimeOffset.UtcNow, cancellationToken);

        public Task ReleaseAsync(string key, ThrottleDecision decision, CancellationToken cancellationToken) =>
            _folder.ReleaseAsync(key, decision, cancellationToken);

        /// <summary>The line a sent alert ends with, e.g. "(+2 held back since 09:14)", in local time.</summary>
        public static string Note(ThrottleDecision sent) =>
            string.Format(CultureInfo.CurrentCulture, ThrottleMessages.HeldBackNote, sent.Held, LocalTime(sent.HeldSince ?? sent.DecidedAt));

        /// <summary>For the verbose stream: why an alert was held back, and when the next may go.</summary>
        public static string HeldBackMessage(ThrottleDecision held) =>
            string.Format(CultureInfo.CurrentCulture, ThrottleMessages.HeldBack,
                LocalTime(held.Previous!.SentAt), held.Held, LocalTime(held.HeldSince!.Value), LocalTime(held.WindowEndsAt!.Value));

        /// <summary>Local time as the note shows it: HH:mm, with the date when it was not today.</summary>
        public static string LocalTime(DateTimeOffset time)
        {
            var local = time.ToLocalTime();
            return local.ToString(local.Date == DateTimeOffset.Now.Date ? "HH:mm" : "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        }
    }
}
