using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Win32.SafeHandles;
using KakaoPS.Resources;

namespace KakaoPS.Files
{
    /// <summary>
    /// An exclusive cross-process lock on a lock file: flock(2) on Unix, an unshared open on
    /// Windows. Either goes away with its process, so a killed command never leaves it held. The
    /// lock file is created owner-only, never opened through a link, and used only when it is a
    /// regular file of this user: another user's lock file could be held by them for ever. Not
    /// re-entrant: a holder that asks again waits for itself.
    /// </summary>
    internal sealed class FileLock : IDisposable
    {
        private readonly IDisposable _handle;
        private FileStream? _stream;

        private FileLock(IDisposable handle)
        {
            _handle = handle;
        }

        /// <summary>
        /// Waits for the lock without holding a thread (polling, with waits growing to 200 ms);
        /// a <see cref="TimeoutException"/> after <paramref name="timeout"/>; Ctrl+C stops the wait.
        /// </summary>
        public static async Task<FileLock> AcquireAsync(string path, TimeSpan timeout, CancellationToken cancellationToken)
        {
            var deadline = DateTime.UtcNow + timeout;
            var delay = 10;
            while (true)
            {
                var taken = TryAcquire(path);
                if (taken != null)
                {
                    return taken;
                }

                if (DateTime.UtcNow >= deadline)
                {
                    throw new TimeoutException(path);
                }

                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
                delay = Math.Min(delay * 2, 200);
            }
        }

        /// <summary>The lock if it is free now, else null.</summary>
        public static FileLock? TryAcquire(string path)
        {
            OwnerOnlyFiles.CreateFolder(Path.GetDirectoryName(path)!);
            if (OwnerOnlyFiles.IsWindows)
            {
                try
                {
                    return new FileLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None));
                }
                catch (IOException e) when (!(e is FileNotFoundException || e is DirectoryNotFoundException))
                {
                    return null;
                }
            }

            SafeFileHandle handle;
            try
            {
                handle = UnixFiles.OpenOrCreateNoFollow(path, OwnerOnlyFiles.FileMode);
            }
            catch (IOException) when (UnixFiles.LinkStat(path) is FileFacts found && found.IsLink)
            {
                throw new UnsafeFileException(path, UnsafeFileProblem.Link, FileMessages.KindLink);
            }

            try
            {
                var facts = UnixFiles.Stat(handle);
                if (!facts.IsRegular)
                {
                    throw new UnsafeFileException(path, UnsafeFileProblem.NotRegular, facts.Kind);
                }

                if (OwnerOnlyFiles.ForeignOwner(facts) is uint owner)
                {
                    throw new UnsafeFileException(path, UnsafeFileProblem.NotOwned, owner.ToString(System.Globalization.CultureInfo.InvariantCulture));
                }

                if (UnixFiles.TryLock(handle))
                {
                    return new FileLock(handle);
                }
            }
            catch
            {
                handle.Dispose();
                throw;
            }

            handle.Dispose();
            return null;
        }

        /// <summary>
        /// The lock file's own content, read and written through the handle that holds the lock: for a
        /// small file that is its own lock, changed in place instead of replaced (a replaced file would
        /// be another file than the one locked).
        /// </summary>
        public FileStream Stream => _stream ??= _handle as FileStream ?? new FileStream((SafeFileHandle)_handle, FileAccess.ReadWrite, 1);

        public void Dispose()
        {
            _stream?.Dispose();
            _handle.Dispose();
        }
    }
}
