using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using KakaoPS.Files;

namespace KakaoPS.Throttling
{
    /// <summary>
    /// One shard of the throttle: a small JSON file of the alerts whose key hash starts with its
    /// name, owner-only, that is also its own cross-process lock. A send locks it, reads it, and
    /// rewrites it in place through the same handle: no temp file, no rename, no flush to the disk,
    /// so a send touches one open file and its cost does not grow with the number of alerts
    /// remembered. docs/reliability.md weighs what that costs after a crash.
    /// </summary>
    internal sealed class ThrottleShard
    {
        /// <summary>A full shard (<see cref="ThrottleState.MaximumEntries"/> entries) is about 15 KB.</summary>
        public const int MaximumSize = 64 * 1024;

        /// <summary>
        /// A shorter state is padded with spaces to the file's length, so one write replaces the whole
        /// content; the file is cut down only when this much would be padding.
        /// </summary>
        private const int MostPadding = 4096;

        public ThrottleShard(string path)
        {
            Path = path;
        }

        public string Path { get; }

        /// <summary>
        /// Reads the shard, changes it and writes it back under its lock. Throws
        /// <see cref="TimeoutException"/> when the lock stays held, <see cref="UnsafeFileException"/> for a
        /// file that is not what it must be (a link, not a regular file, another user's, too large), and
        /// the I/O errors of the disk.
        /// </summary>
        public async Task<ThrottleShardOutcome> UpdateAsync(Action<ThrottleState> change, DateTimeOffset now, TimeSpan lockTimeout, CancellationToken cancellationToken)
        {
            using (var held = await FileLock.AcquireAsync(Path, lockTimeout, cancellationToken).ConfigureAwait(false))
            {
                var stream = held.Stream;
                var content = Read(stream);
                var outcome = ThrottleShardOutcome.Written;
                ThrottleState state;
                if (content.Length == 0)
                {
                    state = ThrottleState.Empty();
                }
                else if (IsZeroed(content))
                {
                    state = ThrottleState.Empty();
                    outcome = ThrottleShardOutcome.Damaged;
                }
                else if (!IsThrottleFile(content))
                {
                    return ThrottleShardOutcome.NotOurs;
                }
                else
                {
                    try
                    {
                        state = ThrottleState.Parse(content, now);
                    }
                    catch (Exception e) when (IsBadContent(e))
                    {
                        state = ThrottleState.Empty();
                        outcome = ThrottleShardOutcome.Damaged;
                    }
                }

                change(state);
                Write(stream, state.ToJson(), content.Length);
                return outcome;
            }
        }

        /// <summary>
        /// Written by KakaoPS as a throttle file, even if damaged since: it carries the KakaoPS
        /// marker and an entries field, and no token (a token file here is not ours to replace).
        /// </summary>
        internal static bool IsThrottleFile(byte[] content)
        {
            try
            {
                using var document = JsonDocument.Parse(content);
                var root = document.RootElement;
                return root.ValueKind == JsonValueKind.Object
                    && root.TryGetProperty("kakaops_format", out _)
                    && root.TryGetProperty("entries", out _)
                    && !root.TryGetProperty("access_token", out _)
                    && !root.TryGetProperty("refresh_token", out _);
            }
            catch (JsonException)
            {
                // Not JSON (truncated, not UTF-8): the field names still tell whose it was.
                var text = Encoding.UTF8.GetString(content);
                return text.Contains("\"kakaops_format\"") && text.Contains("\"entries\"")
                    && !text.Contains("\"access_token\"") && !text.Contains("\"refresh_token\"");
            }
        }

        /// <summary>What reading content that is not a throttle state throws: our own checks, the JSON reader, a missing or mistyped field.</summary>
        internal static bool IsBadContent(Exception e) =>
            e is InvalidDataException || e is JsonException || e is InvalidOperationException || e is FormatException
            || e is System.Collections.Generic.KeyNotFoundException || e is ArgumentException;

        /// <summary>
        /// Nothing but NUL bytes: what a file written without a flush can hold after a power cut. In
        /// the throttle's own folder that is a shard that lost its content, not someone's file.
        /// </summary>
        private static bool IsZeroed(byte[] content)
        {
            foreach (var b in content)
            {
                if (b != 0)
                {
                    return false;
                }
            }

            return true;
        }

        private byte[] Read(FileStream stream)
        {
            var length = stream.Length;
            if (length > MaximumSize)
            {
                throw new UnsafeFileException(Path, UnsafeFileProblem.TooLarge, length.ToString(CultureInfo.InvariantCulture));
            }

            var content = new byte[length];
            stream.Position = 0;
            var read = 0;
            int count;
            while (read < content.Length && (count = stream.Read(content, read, content.Length - read)) > 0)
            {
                read += count;
            }

            return read == content.Length ? content : content.Take(read).ToArray();
        }

        /// <summary>
        /// One write of the whole new content, padded with spaces (which JSON ignores) to the old
        /// length, so no moment leaves the file cut short; then, if the padding grew large, the file is
        /// cut down, which leaves valid JSON whenever it happens.
        /// </summary>
        private static void Write(FileStream stream, byte[] json, int oldLength)
        {
            var content = json;
            if (json.Length < oldLength)
            {
                content = new byte[oldLength];
                Buffer.BlockCopy(json, 0, content, 0, json.Length);
                for (var i = json.Length; i < oldLength; i++)
                {
                    content[i] = (byte)' ';
                }
            }

            stream.Position = 0;
            stream.Write(content, 0, content.Length);
            if (oldLength - json.Length > MostPadding)
            {
                stream.SetLength(json.Length);
            }
        }
    }
}
