using System;
using System.Collections.Concurrent;
using System.Globalization;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using KakaoPS.Files;
using KakaoPS.Resources;

namespace KakaoPS.Throttling
{
    /// <summary>
    /// kakao_throttle/ beside the token file: the throttle every process of the user shares, kept
    /// in <see cref="ShardCount"/> small shard files by the first two hex digits of each key's hash
    /// (<see cref="ThrottleShard"/>), in a folder that is owner-only from its creation. It holds
    /// hashes and times, never message text. The throttle never stops a send: a damaged shard starts
    /// afresh, and a file or folder that is not ours (or cannot be used) is left exactly as it is
    /// while the alert goes unthrottled; either is said once per command, as a warning.
    /// </summary>
    internal sealed class ThrottleFolder
    {
        public const string FolderName = "kakao_throttle";

        /// <summary>Two hex digits of the key hash: 5,000 alerts are about 20 per shard.</summary>
        public const int ShardCount = 256;

        /// <summary>The lock is held for a read and a write of a small file, never while a message is sent.</summary>
        private static readonly TimeSpan DefaultLockTimeout = TimeSpan.FromSeconds(10);

        /// <summary>Folders whose early forgetting this process has reported: once per session, not once per send.</summary>
        private static readonly ConcurrentDictionary<string, bool> EarlyDropsTold = new ConcurrentDictionary<string, bool>(StringComparer.Ordinal);

        /// <summary>Folders this process has looked for 0.3.1's single throttle file beside.</summary>
        private static readonly ConcurrentDictionary<string, bool> LegacyLookedFor = new ConcurrentDictionary<string, bool>(StringComparer.Ordinal);

        private readonly TimeSpan _lockTimeout;
        private bool _checked;
        private bool _unusable;
        private bool _warned;

        public ThrottleFolder(string path, TimeSpan? lockTimeout = null)
        {
            Path = path;
            _lockTimeout = lockTimeout ?? DefaultLockTimeout;
        }

        /// <summary>The throttle folder beside <paramref name="tokenPath"/> (the path as given: a linked token file's throttle stays beside the link).</summary>
        public static ThrottleFolder Beside(string tokenPath) =>
            new ThrottleFolder(System.IO.Path.Combine(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(tokenPath))!, FolderName));

        public string Path { get; }

        /// <summary>Where 0.3.1 kept the whole throttle in one file; read once and removed (see <see cref="LegacyThrottleFile"/>).</summary>
        public string LegacyPath => System.IO.Path.Combine(System.IO.Path.GetDirectoryName(Path)!, LegacyThrottleFile.FileName);

        /// <summary>Where the warnings go.</summary>
        public Action<string>? Warning { get; set; }

        /// <summary>The shard file that keeps <paramref name="keyHash"/>.</summary>
        public string ShardPath(string keyHash) => System.IO.Path.Combine(Path, keyHash.Substring(0, 2) + ".json");

        /// <summary>Decides one alert and records the decision: held back, or sent and the window starts now.</summary>
        public async Task<ThrottleDecision> DecideAsync(string key, TimeSpan window, DateTimeOffset now, CancellationToken cancellationToken)
        {
            ThrottleDecision? decision = null;
            await UpdateAsync(key, now, state => decision = state.Decide(key, window, now), cancellationToken).ConfigureAwait(false);
            return decision ?? ThrottleDecision.Unrecorded();
        }

        /// <summary>Undoes the reservation of an alert that did not reach Kakao or was refused, so the next try is not held back.</summary>
        public Task ReleaseAsync(string key, ThrottleDecision decision, CancellationToken cancellationToken) =>
            decision.Recorded && !decision.Suppressed
                ? UpdateAsync(key, DateTimeOffset.UtcNow, state => state.Release(key, decision), cancellationToken)
                : Task.CompletedTask;

        /// <summary>Changes the shard of <paramref name="key"/>; on any trouble the change is not made and the user is told once.</summary>
        private async Task UpdateAsync(string key, DateTimeOffset now, Action<ThrottleState> change, CancellationToken cancellationToken)
        {
            if (_unusable)
            {
                return;
            }

            var shard = new ThrottleShard(ShardPath(key));
            try
            {
                if (!_checked)
                {
                    await PrepareAsync(now, cancellationToken).ConfigureAwait(false);
                    _checked = true;
                }

                var droppedEarly = 0;
                var outcome = await shard.UpdateAsync(state =>
                {
                    change(state);
                    droppedEarly = state.DroppedEarly;
                }, now, _lockTimeout, cancellationToken).ConfigureAwait(false);
                if (outcome == ThrottleShardOutcome.Damaged)
                {
                    Warn(string.Format(CultureInfo.CurrentCulture, ThrottleMessages.ThrottleFileDamaged, shard.Path));
                }
                else if (outcome == ThrottleShardOutcome.NotOurs)
                {
                    Unusable(string.Format(CultureInfo.CurrentCulture, ThrottleMessages.NotAThrottleFile, shard.Path));
                }

                if (droppedEarly > 0)
                {
                    TellEarlyDrops();
                }
            }
            catch (TimeoutException)
            {
                Unusable(string.Format(CultureInfo.CurrentCulture, ThrottleMessages.ThrottleFileLocked, shard.Path, _lockTimeout.TotalSeconds.ToString("0.#", CultureInfo.CurrentCulture)));
            }
            catch (UnsafeFileException e)
            {
                var folder = e.FilePath == Path;
                Unusable(string.Format(CultureInfo.CurrentCulture, folder ? ThrottleMessages.ThrottleFolderUnusable : ThrottleMessages.ThrottleFileUnusable, e.FilePath, Describe(e, folder)));
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                Unusable(string.Format(CultureInfo.CurrentCulture, ThrottleMessages.ThrottleFolderUnusable, Path, e.Message));
            }
        }

        /// <summary>
        /// Creates the folder owner-only, or checks that the one there is a folder of this user
        /// (another user could swap the shards of a folder they own); then, once per process, takes
        /// in what 0.3.1 left in its single file.
        /// </summary>
        private async Task PrepareAsync(DateTimeOffset now, CancellationToken cancellationToken)
        {
            OwnerOnlyFiles.CreateFolder(Path);
            if (!OwnerOnlyFiles.IsWindows && UnixFiles.Stat(Path) is FileFacts facts)
            {
                if (facts.Type != UnixFiles.TypeDirectory)
                {
                    throw new UnsafeFileException(Path, UnsafeFileProblem.NotRegular, facts.Kind);
                }

                if (OwnerOnlyFiles.ForeignOwner(facts) is uint owner)
                {
                    throw new UnsafeFileException(Path, UnsafeFileProblem.NotOwned, owner.ToString(CultureInfo.InvariantCulture));
                }
            }

            if (LegacyLookedFor.TryAdd(Path, true))
            {
                var legacy = new LegacyThrottleFile(LegacyPath);
                if (legacy.Exists)
                {
                    var droppedEarly = await legacy.MoveIntoAsync(this, now, _lockTimeout, cancellationToken).ConfigureAwait(false);
                    if (droppedEarly > 0)
                    {
                        TellEarlyDrops();
                    }
                }
            }
        }

        private void TellEarlyDrops()
        {
            if (EarlyDropsTold.TryAdd(Path, true))
            {
                Warning?.Invoke(string.Format(CultureInfo.CurrentCulture, ThrottleMessages.ForgottenEarly,
                    (ShardCount * ThrottleState.MaximumEntries).ToString("N0", CultureInfo.CurrentCulture), Path));
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

        private static string Describe(UnsafeFileException e, bool folder) => e.Problem switch
        {
            UnsafeFileProblem.NotOwned => string.Format(CultureInfo.CurrentCulture, ThrottleMessages.OwnedByAnotherUser, e.Detail),
            UnsafeFileProblem.TooLarge => string.Format(CultureInfo.CurrentCulture, ThrottleMessages.TooLarge, ThrottleShard.MaximumSize / 1024),
            UnsafeFileProblem.Link => ThrottleMessages.IsALink,
            UnsafeFileProblem.LinkBroken => string.Format(CultureInfo.CurrentCulture, ThrottleMessages.LinkBroken, e.Detail),
            _ => string.Format(CultureInfo.CurrentCulture, folder ? ThrottleMessages.NotAFolder : ThrottleMessages.NotARegularFile, e.Detail),
        };
    }
}
