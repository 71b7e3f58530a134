using System;
using System.Globalization;
using System.IO;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using KakaoPS.Files;

namespace KakaoPS.Throttling
{
    /// <summary>
    /// One shard of the throttle: a small JSON file of the alerts whose key hash starts with its
    /// name, read, changed and replaced under its own cross-process lock (the file's name plus
    /// ".lock"), owner-only. A send touches one shard, so its cost does not grow with the number of
    /// alerts remembered. The file is replaced through a temp file and a rename, so a process killed
    /// at any point leaves the old shard or the new one; it is not flushed to the disk first (see
    /// docs/reliability.md: a power cut can cost at most one repeated alert per key).
    /// </summary>
    internal sealed class ThrottleShard
    {
        /// <summary>A full shard (<see cref="ThrottleState.MaximumEntries"/> entries) is about 15 KB.</summary>
        public const int MaximumSize = 64 * 1024;

        public ThrottleShard(string path)
        {
            Path = path;
        }

        public string Path { get; }

        public string LockPath => Path + ".lock";

        /// <summary>One temp file per shard, written only under the shard's lock.</summary>
        private string TempPath => System.IO.Path.Combine(System.IO.Path.GetDirectoryName(Path)!, "." + System.IO.Path.GetFileName(Path) + ".tmp");

        /// <summary>
        /// Reads the shard, changes it and writes it back under its lock. Throws
        /// <see cref="TimeoutException"/> when the lock stays held, <see cref="UnsafeFileException"/> for a
        /// file or lock that is not what it must be, and the I/O errors of the disk.
        /// </summary>
        public async Task<ThrottleShardOutcome> UpdateAsync(Action<ThrottleState> change, DateTimeOffset now, TimeSpan lockTimeout, CancellationToken cancellationToken)
        {
            using (await FileLock.AcquireAsync(LockPath, lockTimeout, cancellationToken).ConfigureAwait(false))
            {
                var content = OwnerOnlyFiles.ReadSmall(Path, MaximumSize, out var facts);
                if (content != null && OwnerOnlyFiles.ForeignOwner(facts) is uint owner)
                {
                    throw new UnsafeFileException(Path, UnsafeFileProblem.NotOwned, owner.ToString(CultureInfo.InvariantCulture));
                }

                var outcome = ThrottleShardOutcome.Written;
                ThrottleState state;
                if (content == null)
                {
                    state = ThrottleState.Empty();
                }
                else if (IsCutShort(content))
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
                Write(state.ToJson());
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
        /// Empty, or nothing but NUL bytes: what a file replaced without a flush can be after a power
        /// cut. In the throttle's own folder that is a shard that lost its content, not someone's file.
        /// </summary>
        private static bool IsCutShort(byte[] content)
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

        private void Write(byte[] content)
        {
            var temp = TempPath;
            // Left by a writer killed between its write and its rename; under the lock no one else writes it.
            OwnerOnlyFiles.TryDelete(temp);
            try
            {
                using (var stream = OwnerOnlyFiles.CreateNew(temp))
                {
                    stream.Write(content, 0, content.Length);
                }

                OwnerOnlyFiles.Replace(temp, Path);
            }
            catch
            {
                OwnerOnlyFiles.TryDelete(temp);
                throw;
            }
        }
    }
}
