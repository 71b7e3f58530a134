using System;

namespace KakaoPS.Throttling
{
    /// <summary>One alert's throttle record.</summary>
    internal sealed class ThrottleEntry
    {
        public ThrottleEntry(DateTimeOffset sentAt, DateTimeOffset windowEndsAt, int held, DateTimeOffset? heldSince)
        {
            SentAt = sentAt;
            WindowEndsAt = windowEndsAt;
            Held = held;
            HeldSince = heldSince;
        }

        public DateTimeOffset SentAt { get; }

        public DateTimeOffset WindowEndsAt { get; }

        /// <summary>Repeats held back since the last send.</summary>
        public int Held { get; }

        /// <summary>When the first of them came.</summary>
        public DateTimeOffset? HeldSince { get; }

        public ThrottleEntry With(int held, DateTimeOffset? heldSince) => new ThrottleEntry(SentAt, WindowEndsAt, held, heldSince);

        /// <summary>
        /// The entry as it may stand at <paramref name="now"/>: a time in the future (a clock set back,
        /// a hand-edited file) is brought back to now, and no window lasts longer than
        /// <paramref name="longestWindow"/>, so no record can hold an alert back for longer than one window from now.
        /// </summary>
        public ThrottleEntry ClampedTo(DateTimeOffset now, TimeSpan longestWindow)
        {
            var window = WindowEndsAt - SentAt;
            window = window < TimeSpan.Zero ? TimeSpan.Zero : window > longestWindow ? longestWindow : window;
            var sentAt = SentAt > now ? now : SentAt;
            var heldSince = HeldSince > now ? now : HeldSince;
            var windowEndsAt = sentAt + window;
            return sentAt == SentAt && windowEndsAt == WindowEndsAt && heldSince == HeldSince
                ? this
                : new ThrottleEntry(sentAt, windowEndsAt, Held < 0 ? 0 : Held, heldSince);
        }
    }
}
