using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Threading;
using KakaoPS.Errors;

namespace KakaoPS.Tokens
{
    /// <summary>
    /// kakao_token.json on disk: written atomically (a temp file in the same folder, then a
    /// rename), owner-only, guarded by a lock file for read-modify-write, and never replaced by
    /// anything but a complete token set.
    /// </summary>
    internal sealed class TokenStore
    {
        public const string FileName = "kakao_token.json";

        public TokenStore(string path)
        {
            if (string.IsNullOrWhiteSpace(path))
            {
                throw InvalidPath(path, "it is empty");
            }

            try
            {
                Path = System.IO.Path.GetFullPath(path);
            }
            catch (Exception e) when (e is ArgumentException || e is NotSupportedException || e is PathTooLongException)
            {
                throw InvalidPath(path, e.Message);
            }

            if (Directory.Exists(Path))
            {
                throw InvalidPath(path, "it is a folder; give the path of the file inside it");
            }
        }

        internal static KakaoException InvalidPath(string path, string why) =>
            new KakaoException("InvalidTokenPath", KakaoErrorKind.InvalidArgument,
                $"'{path}' cannot be the token file: {why}.",
                $"Pass a file path such as ./{FileName} to -TokenPath (or KAKAOPS_TOKEN_PATH), or leave both out for the per-user default.");

        private bool _lockHeld;

        public string Path { get; }

        public string LockPath => Path + ".lock";

        /// <summary>KAKAOPS_TOKEN_PATH, else the per-user configuration folder.</summary>
        public static string DefaultPath()
        {
            var fromEnvironment = Environment.GetEnvironmentVariable("KAKAOPS_TOKEN_PATH");
            if (!string.IsNullOrWhiteSpace(fromEnvironment))
            {
                return fromEnvironment!;
            }

            string root;
            if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
            {
                root = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData);
            }
            else
            {
                var xdg = Environment.GetEnvironmentVariable("XDG_CONFIG_HOME");
                root = !string.IsNullOrWhiteSpace(xdg)
                    ? xdg!
                    : System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".config");
            }

            return System.IO.Path.Combine(root, "KakaoPS", FileName);
        }

        public bool Exists => File.Exists(Path);

        /// <summary>The file's bytes, or null when there is no file.</summary>
        public byte[]? ReadContent()
        {
            try
            {
                if (!File.Exists(Path))
                {
                    return null;
                }

                // Sharing delete too: on Windows a reader must not make another process's replace fail.
                using var stream = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                using var buffer = new MemoryStream();
                stream.CopyTo(buffer);
                return buffer.ToArray();
            }
            catch (FileNotFoundException)
            {
                return null;
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                throw new KakaoException("TokenFileUnreadable", KakaoErrorKind.ReadError,
                    $"The token file '{Path}' could not be read: {e.Message}",
                    "Check the file's permissions, or point -TokenPath / KAKAOPS_TOKEN_PATH at a readable file.", e);
            }
        }

        /// <summary>
        /// The saved tokens, or null when there is no file. Content that is not a token set is
        /// moved aside (never deleted) and reported.
        /// </summary>
        public TokenSet? Read() => Parse(ReadContent());

        /// <summary>Tokens from <paramref name="content"/> as read from this file.</summary>
        public TokenSet? Parse(byte[]? content)
        {
            if (content == null)
            {
                return null;
            }

            try
            {
                return TokenSet.Parse(content, new DateTimeOffset(File.GetLastWriteTimeUtc(Path), TimeSpan.Zero));
            }
            catch (Exception e) when (e is InvalidDataException || e is System.Text.Json.JsonException)
            {
                throw new KakaoException("TokenFileInvalid", KakaoErrorKind.InvalidData,
                    $"The token file '{Path}' does not hold Kakao tokens ({Describe(e)}). {MoveAside(content)}",
                    "Run Connect-Kakao to log in again. The moved file is kept for inspection; delete it when done.", e);
            }
        }

        /// <summary>Replaces the file in one step; readers see the old file or the new one.</summary>
        public void Write(TokenSet tokens)
        {
            var folder = System.IO.Path.GetDirectoryName(Path)!;
            var temp = System.IO.Path.Combine(folder, $".{FileName}.{Process.GetCurrentProcess().Id}.{Guid.NewGuid():N}.tmp");
            try
            {
                CreateOwnerOnlyFolder(folder);
                using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
                {
                    OwnerOnly.RestrictFile(temp);
                    var json = tokens.ToJson();
                    stream.Write(json, 0, json.Length);
                    stream.Flush(flushToDisk: true);
                }

                ReplaceWith(temp);

                DeleteOrphanedTempFiles(folder);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                TryDelete(temp);
                throw new KakaoException("TokenFileUnwritable", KakaoErrorKind.WriteError,
                    $"The token file '{Path}' could not be written: {e.Message}",
                    "Check that the folder exists and is writable, or choose another file with -TokenPath / KAKAOPS_TOKEN_PATH.", e);
            }
        }

        /// <summary>
        /// Renames <paramref name="temp"/> over the file. On Windows a scanner or indexer may hold
        /// the file for a moment, so a failed rename is tried a few more times.
        /// </summary>
        private void ReplaceWith(string temp)
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    if (File.Exists(Path))
                    {
                        File.Replace(temp, Path, destinationBackupFileName: null);
                    }
                    else
                    {
                        File.Move(temp, Path);
                    }

                    return;
                }
                catch (IOException) when (attempt < 5 && RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
                {
                    Thread.Sleep(20 * attempt);
                }
            }
        }

        public void Delete()
        {
            if (File.Exists(Path))
            {
                File.Delete(Path);
            }
        }

        /// <summary>
        /// An exclusive cross-process lock for read-modify-write, waited for at most
        /// <paramref name="timeout"/>.
        /// </summary>
        public IDisposable Lock(TimeSpan timeout, CancellationToken cancellationToken)
        {
            var folder = System.IO.Path.GetDirectoryName(Path)!;
            CreateOwnerOnlyFolder(folder);
            var waited = Stopwatch.StartNew();
            var delay = 10;
            while (true)
            {
                try
                {
                    // FileShare.None is an exclusive lock on Windows and an flock() on Unix; either
                    // goes away with the process, so a killed command never leaves it held.
                    var handle = new FileStream(LockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None);
                    _lockHeld = true;
                    return new LockHandle(this, handle);
                }
                catch (IOException) when (waited.Elapsed < timeout)
                {
                    if (cancellationToken.WaitHandle.WaitOne(delay))
                    {
                        cancellationToken.ThrowIfCancellationRequested();
                    }

                    delay = Math.Min(delay * 2, 200);
                }
                catch (IOException e)
                {
                    throw new KakaoException("TokenFileLocked", KakaoErrorKind.ResourceUnavailable,
                        $"Another process has held the token file lock '{LockPath}' for more than {timeout.TotalSeconds:0} seconds.",
                        "Wait for the other KakaoPS command to finish. If none is running, delete the lock file.", e);
                }
            }
        }

        /// <summary>
        /// Moves unusable content aside under the lock, and only if the file still holds exactly
        /// that content: a good file another process wrote meanwhile stays where it is.
        /// </summary>
        private string MoveAside(byte[] content)
        {
            var aside = $"{Path}.corrupt-{DateTime.UtcNow:yyyyMMddTHHmmssfffZ}";
            try
            {
                using (_lockHeld ? null : Lock(TimeSpan.FromSeconds(5), CancellationToken.None))
                {
                    var now = ReadContent();
                    if (now == null || !now.SequenceEqual(content))
                    {
                        return "It has changed since; the new content was left in place.";
                    }

                    File.Move(Path, aside);
                    return $"It was moved aside to '{aside}'.";
                }
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is KakaoException)
            {
                return $"It could not be moved aside ({e.Message}); move or delete it yourself.";
            }
        }

        private static void CreateOwnerOnlyFolder(string folder)
        {
            if (!Directory.Exists(folder))
            {
                Directory.CreateDirectory(folder);
                OwnerOnly.RestrictFolder(folder);
            }
        }

        /// <summary>
        /// Temp files a killed process left behind hold tokens too; they go once they are
        /// clearly abandoned (a live write takes milliseconds).
        /// </summary>
        private static void DeleteOrphanedTempFiles(string folder)
        {
            foreach (var orphan in Directory.GetFiles(folder, $".{FileName}.*.tmp"))
            {
                if (DateTime.UtcNow - File.GetLastWriteTimeUtc(orphan) > TimeSpan.FromMinutes(1))
                {
                    TryDelete(orphan);
                }
            }
        }

        private static void TryDelete(string path)
        {
            try
            {
                File.Delete(path);
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }

        /// <summary>Releases the lock file and lets this store take it again.</summary>
        private sealed class LockHandle : IDisposable
        {
            private readonly TokenStore _store;
            private readonly FileStream _handle;

            public LockHandle(TokenStore store, FileStream handle)
            {
                _store = store;
                _handle = handle;
            }

            public void Dispose()
            {
                _store._lockHeld = false;
                _handle.Dispose();
            }
        }

        private static string Describe(Exception e) => e is System.Text.Json.JsonException ? "it is not valid JSON" : e.Message;
    }
}
