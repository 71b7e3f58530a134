using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace KakaoPS.Throttling
{
    /// <summary>
    /// The throttle's memory for the alerts of one shard: per key hash, when the alert was last
    /// sent, until when repeats are held back, and how many were. Never more than
    /// <see cref="MaximumEntries"/>, so a shard file stays a few kilobytes whatever comes.
    /// </summary>
    internal sealed class ThrottleState
    {
        public const int FormatVersion = 2;

        /// <summary>
        /// The most alerts one shard remembers (about 180 bytes each, 14 KB in all); with
        /// <see cref="ThrottleFolder.ShardCount"/> shards, about 20,000 alerts. Past it the ones sent longest ago are forgotten.
        /// </summary>
        public const int MaximumEntries = 80;

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

        /// <summary>Alerts forgotten while their window was still open, to stay within <see cref="MaximumEntries"/>: a repeat of one would go early.</summary>
        public int DroppedEarly { get; private set; }

        public ThrottleEntry? this[string keyHash] => _entries.TryGetValue(keyHash, out var entry) ? entry : null;

        /// <summary>
        /// Decides one alert. Within the window it is held back and counted; otherwise it is to be
        /// sent, and the window starts now (a reservation: two processes never both send).
        /// </summary>
        public ThrottleDecision Decide(string keyHash, TimeSpan window, DateTimeOffset now)
        {
            var previous = this[keyHash];
            Prune(now, previous == null ? 1 : 0);
            if (previous != null && now < previous.WindowEndsAt)
            {
                var held = previous.With(held: previous.Held + 1, heldSince: previous.HeldSince ?? now);
                _entries[keyHash] = held;
                return ThrottleDecision.Suppress(held.Held, held.HeldSince!.Value, held.WindowEndsAt, previous, now);
            }

            _entries[keyHash] = new ThrottleEntry(now, now + window, 0, null);
            return ThrottleDecision.Send(previous?.Held ?? 0, previous?.HeldSince, previous, now);
        }

        /// <summary>Undoes a reservation whose send did not reach Kakao or was refused, so the next try is not held back.</summary>
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

        /// <summary>Takes in a record from elsewhere (an older file); the later send of the two stands.</summary>
        public void Merge(string keyHash, ThrottleEntry entry, DateTimeOffset now)
        {
            var mine = this[keyHash];
            if (mine != null && mine.SentAt >= entry.SentAt)
            {
                return;
            }

            Prune(now, mine == null ? 1 : 0);
            _entries[keyHash] = entry;
        }

        /// <summary>The state a shard file holds, its times clamped to <paramref name="now"/> (see <see cref="ThrottleEntry.ClampedTo"/>).</summary>
        public static ThrottleState Parse(byte[]? content, DateTimeOffset now)
        {
            var state = Empty();
            if (content == null || content.Length == 0)
            {
                return state;
            }

            foreach (var (key, entry) in ReadEntries(content))
            {
                state._entries[key] = entry.ClampedTo(now, Throttler.LongestWindow);
            }

            return state;
        }

        /// <summary>The entries of a throttle file's "entries" object, as written (0.3.1's single file too).</summary>
        internal static IEnumerable<(string Key, ThrottleEntry Entry)> ReadEntries(byte[] content)
        {
            var found = new List<(string, ThrottleEntry)>();
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
                found.Add((property.Name, new ThrottleEntry(
                    value.GetProperty("sent_at").GetDateTimeOffset(),
                    value.GetProperty("window_ends_at").GetDateTimeOffset(),
                    value.TryGetProperty("held", out var held) ? held.GetInt32() : 0,
                    value.TryGetProperty("held_since", out var since) && since.ValueKind == JsonValueKind.String ? since.GetDateTimeOffset() : (DateTimeOffset?)null)));
            }

            return found;
        }

        public byte[] ToJson()
        {
            using var buffer = new MemoryStream(64 + (_entries.Count * 180));
            using (var writer = new Utf8JsonWriter(buffer))
            {
                writer.WriteStartObject();
                writer.WriteNumber("kakaops_format", FormatVersion);
                writer.WriteStartObject("entries");
                foreach (var pair in _entries)
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

        /// <summary>
        /// Forgets what no longer matters, then, to make <paramref name="room"/> within
        /// <see cref="MaximumEntries"/>, the alerts whose window ended (longest ago first) and only then
        /// the ones still in their window, sent longest ago first (counted in <see cref="DroppedEarly"/>).
        /// </summary>
        private void Prune(DateTimeOffset now, int room)
        {
            List<string>? stale = null;
            foreach (var pair in _entries)
            {
                if (now - pair.Value.WindowEndsAt > (pair.Value.Held == 0 ? KeepAfterWindow : KeepHeldAfterWindow))
                {
                    (stale ??= new List<string>()).Add(pair.Key);
                }
            }

            if (stale != null)
            {
                foreach (var key in stale)
                {
                    _entries.Remove(key);
                }
            }

            var excess = _entries.Count + room - MaximumEntries;
            if (excess <= 0)
            {
                return;
            }

            var victims = _entries
                .OrderBy(p => p.Value.WindowEndsAt > now)
                .ThenBy(p => p.Value.WindowEndsAt > now ? p.Value.SentAt : p.Value.WindowEndsAt)
                .Take(excess)
                .ToList();
            foreach (var victim in victims)
            {
                if (victim.Value.WindowEndsAt > now)
                {
                    DroppedEarly++;
                }

                _entries.Remove(victim.Key);
            }
        }
    }
}
