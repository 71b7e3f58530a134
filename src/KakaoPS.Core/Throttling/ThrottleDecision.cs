using System;

namespace KakaoPS.Throttling
{
    /// <summary>Send, or hold back; what a sent alert should say about the ones held back before it.</summary>
    internal sealed class ThrottleDecision
    {
        private ThrottleDecision(bool suppressed, int held, DateTimeOffset? heldSince, DateTimeOffset? windowEndsAt, ThrottleEntry? previous, DateTimeOffset decidedAt, bool recorded = true)
        {
            Suppressed = suppressed;
            Held = held;
            HeldSince = heldSince;
            WindowEndsAt = windowEndsAt;
            Previous = previous;
            DecidedAt = decidedAt;
            Recorded = recorded;
        }

        public bool Suppressed { get; }

        /// <summary>Held back: how many now, counting this one. Sent: how many were held back before it.</summary>
        public int Held { get; }

        public DateTimeOffset? HeldSince { get; }

        /// <summary>For a held-back alert: when the next one may go.</summary>
        public DateTimeOffset? WindowEndsAt { get; }

        /// <summary>The entry before this decision: for a send, what a release puts back; for a held-back alert, the send that holds it back.</summary>
        internal ThrottleEntry? Previous { get; }

        /// <summary>When it was decided: a send's reservation is the entry sent at this time.</summary>
        public DateTimeOffset DecidedAt { get; }

        /// <summary>False when the throttle could not be used: the alert goes, and nothing was written.</summary>
        public bool Recorded { get; }

        public static ThrottleDecision Suppress(int held, DateTimeOffset since, DateTimeOffset windowEndsAt, ThrottleEntry sent, DateTimeOffset decidedAt) =>
            new ThrottleDecision(true, held, since, windowEndsAt, sent, decidedAt);

        public static ThrottleDecision Send(int heldBefore, DateTimeOffset? heldSince, ThrottleEntry? previous, DateTimeOffset decidedAt) =>
            new ThrottleDecision(false, heldBefore, heldSince, null, previous, decidedAt);

        /// <summary>Send, with nothing known or recorded (the throttle could not be used).</summary>
        public static ThrottleDecision Unrecorded() =>
            new ThrottleDecision(false, 0, null, null, null, default, recorded: false);
    }
}
