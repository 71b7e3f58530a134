using System;
using System.IO;

namespace KakaoPS.Files
{
    /// <summary>
    /// A replacement of a <see cref="LockedFile"/> whose temp file is created and sized before the
    /// content exists, so that a full disk, a read-only or immutable folder is found before anything
    /// that cannot be undone (a refresh that makes Kakao replace the refresh token). Filling space
    /// already given to the file needs none more. Disposed unused, the temp file goes; once complete,
    /// it is never deleted here.
    /// </summary>
    internal sealed class ReservedWrite : IDisposable
    {
        /// <summary>A page: more than a token file ever holds, and what a file system hands out at least.</summary>
        public const int DefaultSize = 4096;

        private FileStream? _stream;
        private bool _complete;

        internal ReservedWrite(string target, string temp, int size)
        {
            Target = target;
            TempPath = temp;
            OwnerOnlyFiles.CreateFolder(Path.GetDirectoryName(target)!);
            var stream = OwnerOnlyFiles.CreateNew(temp);
            try
            {
                // Written, not only sized: SetLength may make a sparse file that takes no space until written.
                stream.Write(new byte[size], 0, size);
                stream.Flush(flushToDisk: true);
                _stream = stream;
            }
            catch
            {
                stream.Dispose();
                OwnerOnlyFiles.TryDelete(temp);
                throw;
            }
        }

        public string Target { get; }

        public string TempPath { get; }

        /// <summary>
        /// Puts <paramref name="content"/> in the temp file and renames it over the target. A rename
        /// that fails leaves the complete temp file in place and throws <see cref="TempKeptException"/>.
        /// </summary>
        public void Commit(byte[] content)
        {
            var stream = _stream ?? throw new ObjectDisposedException(nameof(ReservedWrite));
            stream.Position = 0;
            stream.Write(content, 0, content.Length);
            stream.SetLength(content.Length);
            stream.Flush(flushToDisk: true);
            stream.Dispose();
            _stream = null;
            _complete = true;
            try
            {
                OwnerOnlyFiles.Replace(TempPath, Target);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                throw new TempKeptException(TempPath, e);
            }
        }

        public void Dispose()
        {
            var stream = System.Threading.Interlocked.Exchange(ref _stream, null);
            stream?.Dispose();
            if (!_complete)
            {
                OwnerOnlyFiles.TryDelete(TempPath);
            }
        }
    }
}
