using System;
using System.Globalization;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace KakaoPS.Files
{
    /// <summary>
    /// A small owner-only state file that several processes of the user share (the token file, the
    /// pending logins, the throttle), and the lock file that guards its read-modify-write. Both are
    /// used only as regular files of this user: the data file is read only when it is at most
    /// <see cref="MaximumSize"/> bytes (links followed), the lock file never through a link. The
    /// file is replaced in one step (a temp file beside it, owner-only from its creation, then a
    /// rename). Problems are <see cref="UnsafeFileException"/> (what the file is), <see cref="TimeoutException"/>
    /// (the lock stayed busy) or another <see cref="IOException"/>; each caller words them for its file.
    /// </summary>
    internal sealed class LockedFile
    {
        /// <param name="path">The data file.</param>
        /// <param name="maximumSize">The most a genuine file of this kind can hold; anything larger is not one.</param>
        /// <param name="lockPath">The lock file; by default beside the data file, named after it with .lock.</param>
        public LockedFile(string path, int maximumSize, string? lockPath = null)
        {
            Path = path;
            MaximumSize = maximumSize;
            LockPath = lockPath ?? path + ".lock";
        }

        public string Path { get; }

        public string LockPath { get; }

        public int MaximumSize { get; }

        /// <summary>
        /// The exclusive cross-process lock, waited for at most <paramref name="timeout"/> without
        /// holding a thread; a <see cref="TimeoutException"/> after that.
        /// </summary>
        public async Task<IDisposable> LockAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
            await FileLock.AcquireAsync(LockPath, timeout, cancellationToken).ConfigureAwait(false);

        /// <summary>The lock if it is free now, else null.</summary>
        public IDisposable? TryLock() => FileLock.TryAcquire(LockPath);

        /// <summary>The file's bytes, or null when nothing is there; see <see cref="ReadOwned"/>.</summary>
        public byte[]? Read() => ReadOwned(Path, MaximumSize, out _);

        /// <summary>The file's bytes and what stat says of it (null on Windows), or null when nothing is there.</summary>
        public byte[]? Read(out FileFacts? facts) => ReadOwned(Path, MaximumSize, out facts);

        /// <summary>
        /// The bytes of <paramref name="path"/>, or null when nothing is there, if it is a regular
        /// file of this user of at most <paramref name="maximumSize"/> bytes; else an <see cref="UnsafeFileException"/>.
        /// For files that are not the data file itself, such as a temp file a stopped writer left.
        /// </summary>
        public static byte[]? ReadOwned(string path, int maximumSize, out FileFacts? facts)
        {
            var content = OwnerOnlyFiles.ReadSmall(path, maximumSize, out facts);
            if (content != null && OwnerOnlyFiles.ForeignOwner(facts) is uint owner)
            {
                throw new UnsafeFileException(path, UnsafeFileProblem.NotOwned, owner.ToString(CultureInfo.InvariantCulture));
            }

            return content;
        }

        /// <summary>
        /// Replaces the file in one step (readers see the old file or the new one) and clears the
        /// temp files stopped writers left. Called under the lock: no other write is under way, so
        /// every temp file there was abandoned and is older than what was just written.
        /// </summary>
        public void Replace(byte[] content)
        {
            OwnerOnlyFiles.WriteReplacing(Path, content, OwnerOnlyFiles.TempPath(Path));
            OwnerOnlyFiles.DeleteLeftoverTemps(Path);
        }

        /// <summary>
        /// Called under the lock, before something that cannot be undone: a temp file sized for the
        /// next <see cref="ReservedWrite.Commit"/>, so a full or read-only folder fails now.
        /// </summary>
        public ReservedWrite Reserve(int size = ReservedWrite.DefaultSize) => new ReservedWrite(Path, OwnerOnlyFiles.TempPath(Path), size);

        /// <summary>
        /// <see cref="Replace"/> through a reservation; the leftovers of stopped writers go once it is in place.
        /// A failed rename keeps the complete temp file (<see cref="TempKeptException"/>).
        /// </summary>
        public void Replace(ReservedWrite reserved, byte[] content)
        {
            reserved.Commit(content);
            OwnerOnlyFiles.DeleteLeftoverTemps(Path);
        }

        /// <summary>Removes the file if it is there; called under the lock.</summary>
        public void Delete()
        {
            if (File.Exists(Path))
            {
                File.Delete(Path);
            }
        }

        /// <summary>
        /// The read-modify-write: under the lock, reads the file (null when there is none), hands
        /// its bytes to <paramref name="change"/> and keeps, replaces or removes the file as it says.
        /// </summary>
        public async Task<T> UpdateAsync<T>(Func<byte[]?, FileChange<T>> change, TimeSpan timeout, CancellationToken cancellationToken)
        {
            using (await LockAsync(timeout, cancellationToken).ConfigureAwait(false))
            {
                var outcome = change(Read());
                switch (outcome.Kind)
                {
                    case FileChangeKind.Replace:
                        Replace(outcome.Content!);
                        break;
                    case FileChangeKind.Remove:
                        Delete();
                        break;
                }

                return outcome.Result;
            }
        }
    }
}
