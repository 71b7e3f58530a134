using System;
using System.Globalization;
using System.IO;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using KakaoPS.Files;
using KakaoPS.Resources;

namespace KakaoPS.Throttling
{
    /// <summary>
    /// kakao_throttle.json beside the token file: the <see cref="ThrottleState"/> every process of
    /// the user shares, read, decided on and written back under its own cross-process lock
    /// (kakao_throttle.json.lock), owner-only and replaced atomically through
    /// <see cref="OwnerOnlyFiles"/>. It holds hashes and times, never message text. The throttle
    /// never stops a send: a damaged file KakaoPS wrote starts afresh, and a file that is not
    /// one (or cannot be used) is left exactly as it is while the alert goes unthrottled; either
    /// is said once, as a warning.
    /// </summary>
    internal sealed class ThrottleFile
    {
        public const string FileName = "kakao_throttle.json";

        /// <summary>A full file (<see cref="ThrottleState.MaximumEntries"/> entries) is under 1 MB.</summary>
        public const int MaximumSize = 1024 * 1024;

        /// <summary>The lock is held for a read and a write of a small file, never while a message is sent.</summary>
        private static readonly TimeSpan DefaultLockTimeout = TimeSpan.FromSeconds(10);

        private readonly TimeSpan _lockTimeout;
        private bool _unusable;
        private bool _warned;

        public ThrottleFile(string path, TimeSpan? lockTimeout = null)
        {
            Path = path;
            _lockTimeout = lockTimeout ?? DefaultLockTimeout;
        }

        /// <summary>The throttle file in the folder of <paramref name="tokenPath"/> (the path as given: a linked token file's throttle stays beside the link).</summary>
        public static ThrottleFile Beside(string tokenPath) =>
            new ThrottleFile(System.IO.Path.Combine(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(tokenPath))!, FileName));

        public string Path { get; }

        public string LockPath => Path + ".lock";

        /// <summary>Where the one warning goes.</summary>
        public Action<string>? Warning { get; set; }

        /// <summary>Decides one alert and records the decision: held back, or sent and the window starts now.</summary>
        public async Task<ThrottleDecision> DecideAsync(string key, TimeSpan window, DateTimeOffset now, CancellationToken cancellationToken)
        {
            ThrottleDecision? decision = null;
            await UpdateAsync(state => decision = state.Decide(key, window, now), cancellationToken).ConfigureAwait(false);
            return decision ?? ThrottleDecision.Unrecorded();
        }

        /// <summary>Undoes the reservation of an alert that was not delivered, so the next try is not held back.</summary>
        public Task ReleaseAsync(string key, ThrottleDecision decision, CancellationToken cancellationToken) =>
            decision.Recorded && !decision.Suppressed
                ? UpdateAsync(state => state.Release(key, decision), cancellationToken)
                : Task.CompletedTask;

        /// <summary>Read, change and write back under the lock; on any trouble the change is not made and the user is told once.</summary>
        private async Task UpdateAsync(Action<ThrottleState> change, CancellationToken cancellationToken)
        {
            if (_unusable)
            {
                return;
            }

            try
            {
                using (await FileLock.AcquireAsync(LockPath, _lockTimeout, cancellationToken).ConfigureAwait(false))
                {
                    var state = Read();
                    if (state == null)
                    {
                        return;
                    }

                    change(state);
                    OwnerOnlyFiles.WriteReplacing(Path, state.ToJson(), OwnerOnlyFiles.TempPath(Path));
                    foreach (var leftover in OwnerOnlyFiles.LeftoverTemps(Path))
                    {
                        // Under the lock no other write is under way: what is left was abandoned.
                        OwnerOnlyFiles.TryDelete(leftover);
                    }
                }
            }
            catch (TimeoutException)
            {
                Unusable(string.Format(CultureInfo.CurrentCulture, ThrottleMessages.ThrottleFileLocked, LockPath, _lockTimeout.TotalSeconds.ToString("0.#", CultureInfo.CurrentCulture)));
            }
            catch (UnsafeFileException e)
            {
                Unusable(string.Format(CultureInfo.CurrentCulture, ThrottleMessages.ThrottleFileUnusable, e.FilePath, Describe(e)));
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                Unusable(string.Format(CultureInfo.CurrentCulture, ThrottleMessages.ThrottleFileUnusable, Path, e.Message));
            }
        }

        /// <summary>The state in the file, a fresh one when there is none or it is damaged, or null when the file is not ours.</summary>
        private ThrottleState? Read()
        {
            var content = OwnerOnlyFiles.ReadSmall(Path, MaximumSize, out var facts);
            if (content == null)
            {
                return ThrottleState.Empty();
            }

            if (OwnerOnlyFiles.ForeignOwner(facts) is uint owner)
            {
                throw new UnsafeFileException(Path, UnsafeFileProblem.NotOwned, owner.ToString(CultureInfo.InvariantCulture));
            }

            if (!IsThrottleFile(content))
            {
                Unusable(string.Format(CultureInfo.CurrentCulture, ThrottleMessages.NotAThrottleFile, Path));
                return null;
            }

            try
            {
                return ThrottleState.Parse(content);
            }
            catch (Exception e) when (IsBadContent(e))
            {
                Warn(string.Format(CultureInfo.CurrentCulture, ThrottleMessages.ThrottleFileDamaged, Path));
                return ThrottleState.Empty();
            }
        }

        /// <summary>
        /// Written by KakaoPS as a throttle file, even if damaged since: it carries the KakaoPS
        /// marker and an entries field, and no token (a token file at this path is not ours to replace).
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

        private void Unusable(string warning)
        {
            _unusable = true;
            Warn(warning);
        }

        private void Warn(string warning)
        {
            if (!_warned)
            {
                _warned = true;
                Warning?.Invoke(warning);
            }
        }

        private static string Describe(UnsafeFileException e) => e.Problem switch
        {
            UnsafeFileProblem.NotOwned => string.Format(CultureInfo.CurrentCulture, ThrottleMessages.OwnedByAnotherUser, e.Detail),
            UnsafeFileProblem.TooLarge => string.Format(CultureInfo.CurrentCulture, ThrottleMessages.TooLarge, MaximumSize / 1024),
            UnsafeFileProblem.Link => ThrottleMessages.LockIsALink,
            UnsafeFileProblem.LinkBroken => string.Format(CultureInfo.CurrentCulture, ThrottleMessages.LinkBroken, e.Detail),
            _ => string.Format(CultureInfo.CurrentCulture, ThrottleMessages.NotARegularFile, e.Detail),
        };

        /// <summary>What reading content that is not a throttle state throws: our own checks, the JSON reader, a missing or mistyped field.</summary>
        private static bool IsBadContent(Exception e) =>
            e is InvalidDataException || e is JsonException || e is InvalidOperationException || e is FormatException
            || e is System.Collections.Generic.KeyNotFoundException || e is ArgumentException;
    }
}
