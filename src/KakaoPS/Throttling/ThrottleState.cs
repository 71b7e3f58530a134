using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using KakaoPS.Http;

namespace KakaoPS.Throttling
{
    /// <summary>
    /// The throttle's memory, shared by every process of the user through one small file: per key
    /// hash, when the alert was last sent, until when repeats are held back, and how many were.
    /// </summary>
    internal sealed class ThrottleState
    {
        private const int FormatVersion = 1;

        /// <summary>The most alerts remembered; past it the ones sent longest ago are forgotten (about 150 bytes each).</summary>
        public const int MaximumEntries = 5000;

        /// <summary>Entries whose window ended this long ago and hold nothing back are dropped.</summary>
        private static readonly TimeSpan KeepAfterWindow = TimeSpan.FromDays(1);

        /// <summary>Entries that hold repeats back are dropped this long after their window ended, if the alert never came again.</summary>
        private static readonly TimeSpan KeepHeldAfterWindow = TimeSpan.FromDays(30);

        private readonly Dictionary<string, ThrottleEntry> _entries;

        private ThrottleState(Dictionary<string, ThrottleEntry> entries)
        {
            _entries = entries;
        }

        public static ThrottleState Empty() => new ThrottleState(new Dictionary<string, ThrottleEntry>(StringComparer.Ordinal));

        public int Count => _entries.Count;

        public ThrottleEntry? this[string keyHash] => _entries.TryGetValue(keyHash, out var entry) ? entry : null;

        /// <summary>
        /// Decides one alert. Within the window it is held back and counted; otherwise it is to be
        /// sent, and the window starts now (a reservation: two processes never both send).
        /// </summary>
        public ThrottleDecision Decide(string keyHash, TimeSpan window, DateTimeOffset now)
        {
            Prune(now);
            var previous = this[keyHash];
            if (previous != null && now < previous.WindowEndsAt)
            {
                var held = previous.With(held: previous.Held + 1, heldSince: previous.HeldSince ?? now);
                _entries[keyHash] = held;
                return ThrottleDecision.Suppress(held.Held, held.HeldSince!.Value, held.WindowEndsAt, previous, now);
            }

            _entries[keyHash] = new ThrottleEntry(now, now + window, 0, null);
            return ThrottleDecision.Send(previous?.Held ?? 0, previous?.HeldSince, previous, now);
        }

        /// <summary>Undoes a reservation whose send failed, so the next try is not held back.</summary>
        public void Release(string keyHash, ThrottleDecision decision)
        {
            var current = this[keyHash];
            if (decision.Suppressed || current == null || current.SentAt != decision.DecidedAt)
            {
                return; // another process has decided since; its entry stands
            }

            if (decision.Previous == null)
            {
                _entries.Remove(keyHash);
            }
            else
            {
                _entries[keyHash] = decision.Previous;
            }
        }

        public static ThrottleState Parse(byte[]? content)
        {
            var state = Empty();
            if (content == null || content.Length == 0)
            {
                return state;
            }

            using var document = JsonDocument.Parse(content);
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("entries", out var entries)
                || entries.ValueKind != JsonValueKind.Object)
            {
                throw new InvalidDataException("it has no 'entries' object");
            }

            foreach (var property in entries.EnumerateObject())
            {
                var value = property.Value;
                state._entries[property.Name] = new ThrottleEntry(
                    value.GetProperty("sent_at").GetDateTimeOffset(),
                    value.GetProperty("window_ends_at").GetDateTimeOffset(),
                    value.TryGetProperty("held", out var held) ? held.GetInt32() : 0,
                    value.TryGetProperty("held_since", out var since) && since.ValueKind == JsonValueKind.String ? since.GetDateTimeOffset() : (DateTimeOffset?)null);
            }

            return state;
        }

        public byte[] ToJson()
        {
            using var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer, KakaoJson.IndentedWriterOptions))
            {
                writer.WriteStartObject();
                writer.WriteNumber("kakaops_format", FormatVersion);
                writer.WriteStartObject("entries");
                foreach (var pair in _entries.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    writer.WriteStartObject(pair.Key);
                    writer.WriteString("sent_at", pair.Value.SentAt);
                    writer.WriteString("window_ends_at", pair.Value.WindowEndsAt);
                    writer.WriteNumber("held", pair.Value.Held);
                    if (pair.Value.HeldSince is DateTimeOffset since)
                    {
                        writer.WriteString("held_since", since);
                    }

                    writer.WriteEndObject();
                }

                writer.WriteEndObject();
                writer.WriteEndObject();
            }

            return buffer.ToArray();
        }

        private void Prune(DateTimeOffset now)
        {
            var stale = _entries.Where(p => now - p.Value.WindowEndsAt > (p.Value.Held == 0 ? KeepAfterWindow : KeepHeldAfterWindow)).Select(p => p.Key);
            var oldest = _entries.Count < MaximumEntries ? Enumerable.Empty<string>()
                : _entries.OrderBy(p => p.Value.SentAt).Take(_entries.Count - MaximumEntries + 1).Select(p => p.Key);
            foreach (var key in stale.Concat(oldest).ToList())
            {
                _entries.Remove(key);
            }
        }
    }

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
    }

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

        /// <summary>False when the throttle file could not be used: the alert goes, and nothing was written.</summary>
        public bool Recorded { get; }

        public static ThrottleDecision Suppress(int held, DateTimeOffset since, DateTimeOffset windowEndsAt, ThrottleEntry sent, DateTimeOffset decidedAt) =>
            new ThrottleDecision(true, held, since, windowEndsAt, sent, decidedAt);

        public static ThrottleDecision Send(int heldBefore, DateTimeOffset? heldSince, ThrottleEntry? previous, DateTimeOffset decidedAt) =>
            new ThrottleDecision(false, heldBefore, heldSince, null, previous, decidedAt);

        /// <summary>Send, with nothing known or recorded (the throttle file could not be used).</summary>
        public static ThrottleDecision Unrecorded() =>
            new ThrottleDecision(false, 0, null, null, null, default, recorded: false);
    }
}
