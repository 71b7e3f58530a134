using System;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using KakaoPS.Files;

namespace KakaoPS.Throttling
{
    /// <summary>
    /// kakao_throttle.json, where KakaoPS 0.3.1 kept the whole throttle in one file beside the token
    /// file. The first throttled send of a process that finds it takes its entries into the shards
    /// (the later send of a key wins) and removes it with its lock file, so the alerts it held back
    /// stay held back across the upgrade. A file there that KakaoPS did not write, another user's,
    /// or one that cannot be read is left exactly as it is and otherwise ignored.
    /// </summary>
    internal sealed class LegacyThrottleFile
    {
        public const string FileName = "kakao_throttle.json";

        /// <summary>0.3.1 wrote at most 5,000 entries, just over 1 MB indented.</summary>
        private const int MaximumSize = 2 * 1024 * 1024;

        public LegacyThrottleFile(string path)
        {
            Path = path;
        }

        public string Path { get; }

        public bool Exists => File.Exists(Path);

        /// <summary>Takes the entries into <paramref name="folder"/>'s shards and removes the file; the alerts forgotten early to stay within the shards' bound.</summary>
        public async Task<int> MoveIntoAsync(ThrottleFolder folder, DateTimeOffset now, TimeSpan lockTimeout, CancellationToken cancellationToken)
        {
            var droppedEarly = 0;
            try
            {
                using (await FileLock.AcquireAsync(Path + ".lock", lockTimeout, cancellationToken).ConfigureAwait(false))
                {
                    var content = OwnerOnlyFiles.ReadSmall(Path, MaximumSize, out var facts);
                    if (content == null || OwnerOnlyFiles.ForeignOwner(facts) != null || !ThrottleShard.IsThrottleFile(content))
                    {
                        return 0; // moved by another process meanwhile, or not ours to touch
                    }

                    (string Key, ThrottleEntry Entry)[] read;
                    try
                    {
                        read = ThrottleState.ReadEntries(content).ToArray();
                    }
                    catch (Exception e) when (ThrottleShard.IsBadContent(e))
                    {
                        read = Array.Empty<(string, ThrottleEntry)>(); // damaged: nothing in it can be trusted
                    }

                    var entries = read.Where(e => ThrottleKey.IsHash(e.Key)).GroupBy(e => folder.ShardPath(e.Key), StringComparer.Ordinal);
                    foreach (var shard in entries)
                    {
                        await new ThrottleShard(shard.Key).UpdateAsync(state =>
                        {
                            foreach (var (key, entry) in shard)
                            {
                                state.Merge(key, entry.ClampedTo(now, Throttler.LongestWindow), now);
                            }

                            droppedEarly += state.DroppedEarly;
                        }, now, lockTimeout, cancellationToken).ConfigureAwait(false);
                    }

                    File.Delete(Path);
                    OwnerOnlyFiles.TryDelete(Path + ".lock");
                }
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is TimeoutException)
            {
                // Unreachable now: the shards go on without it, which costs at most one repeat per alert; the next session tries again.
            }

            return droppedEarly;
        }
    }
}
