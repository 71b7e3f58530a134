using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using System.Text.Json;
using KakaoPS.Errors;
using KakaoPS.Files;
using KakaoPS.Http;
using KakaoPS.Resources;

namespace KakaoPS.Tokens
{
    /// <summary>
    /// kakao_token.json on disk, through the owner-only files of <see cref="OwnerOnlyFiles"/>:
    /// written atomically, owner-only from its creation, guarded by a lock file for
    /// read-modify-write, read only when it is a small regular file of this user, and never
    /// replaced by anything but a complete token set. A file that is not a token file is never
    /// touched; a link at the path is written through to its target.
    /// </summary>
    internal sealed class TokenStore
    {
        public const string FileName = "kakao_token.json";

        /// <summary>A token file is under 2 KB; anything much larger is not one.</summary>
        public const int MaximumSize = 64 * 1024;

        /// <summary>The folder of the per-user default, which KakaoPS owns and keeps at 0700.</summary>
        private const string DefaultFolderName = "KakaoPS";

        public TokenStore(string path)
        {
            if (string.IsNullOrWhiteSpace(path))
            {
                throw InvalidPath(path, TokenFileMessages.PathEmptyReason);
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
                throw InvalidPath(path, TokenFileMessages.PathIsFolderReason);
            }
        }

        internal static KakaoException InvalidPath(string path, string why) =>
            new KakaoException("InvalidTokenPath", KakaoErrorKind.InvalidArgument,
                string.Format(CultureInfo.CurrentCulture, TokenFileMessages.InvalidTokenPath, path, why),
                string.Format(CultureInfo.CurrentCulture, TokenFileMessages.InvalidTokenPathAction, FileName));

        public string Path { get; }

        /// <summary>The lock beside the file the path leads to, so every link to one file shares one lock.</summary>
        public string LockPath => Target() + ".lock";

        /// <summary>Where warnings go (a file made private); set by the command that uses the store.</summary>
        public Action<string>? Warning { get; set; }

        /// <summary>Where notes go (tokens recovered after a crash).</summary>
        public Action<string>? Verbose { get; set; }

        /// <summary>What this store narrowed to its owner while reading, for Test-KakaoConnection; null if nothing.</summary>
        public string? Narrowed { get; private set; }

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

            return System.IO.Path.Combine(root, DefaultFolderName, FileName);
        }

        /// <summary>
        /// The file's bytes, or null when there is no file. Refuses what is not a token file, a
        /// file of another user, and anything but a small regular file; narrows a token file
        /// others can read to its owner, and says so. When the file still holds <paramref name="accepted"/>,
        /// bytes this store already accepted, that same array is returned and not parsed again.
        /// </summary>
        public byte[]? ReadContent(byte[]? accepted = null)
        {
            var (content, facts) = ReadChecked(Path);
            if (content == null)
            {
                return null;
            }

            if (accepted != null && content.AsSpan().SequenceEqual(accepted))
            {
                content = accepted;
            }
            else if (TokenFileKinds.Classify(content) == TokenFileKind.Foreign)
            {
                throw NotATokenFile();
            }

            KeepPrivate(facts);
            return content;
        }

        /// <summary>The saved tokens, or null when there is no file.</summary>
        public TokenSet? Read() => Parse(ReadContent());

        /// <summary>Tokens from <paramref name="content"/> as read from this file; bad content is TokenFileInvalid and stays where it is.</summary>
        public TokenSet? Parse(byte[]? content)
        {
            if (content == null)
            {
                return null;
            }

            try
            {
                return TokenSet.Parse(content, new DateTimeOffset(File.GetLastWriteTimeUtc(Target()), TimeSpan.Zero));
            }
            catch (Exception e) when (IsBadContent(e))
            {
                throw new KakaoException("TokenFileInvalid", KakaoErrorKind.InvalidData,
                    string.Format(CultureInfo.CurrentCulture, TokenFileMessages.TokenFileInvalid, Path, Describe(e)),
                    TokenFileMessages.TokenFileInvalidAction);
            }
        }

        /// <summary>
        /// Checks, before anything is asked of Kakao, that a new login could be saved here: no
        /// dangling link, no file of another user, no file that is not a token file.
        /// </summary>
        public void CheckWritable()
        {
            var (content, _) = ReadChecked(Path);
            if (content != null && TokenFileKinds.Classify(content) == TokenFileKind.Foreign)
            {
                throw NotATokenFile();
            }
        }

        /// <summary>
        /// Replaces the file in one step (readers see the old file or the new one); called under
        /// <see cref="LockAsync"/>. A damaged file KakaoPS wrote is kept aside first; a file that
        /// is not a token file is refused.
        /// </summary>
        public void Write(TokenSet tokens)
        {
            var target = Target();
            try
            {
                var (content, _) = ReadChecked(target);
                var kind = content == null ? (TokenFileKind?)null : TokenFileKinds.Classify(content);
                if (kind == TokenFileKind.Foreign)
                {
                    throw NotATokenFile();
                }

                if (kind == TokenFileKind.KakaoPS && !Parses(content!))
                {
                    var aside = $"{target}.corrupt-{DateTime.UtcNow:yyyyMMddTHHmmssfffZ}";
                    File.Move(target, aside);
                    Warning?.Invoke(string.Format(CultureInfo.CurrentCulture, TokenFileMessages.TokenFileKeptAside, aside));
                }

                OwnerOnlyFiles.WriteReplacing(target, tokens.ToJson(), OwnerOnlyFiles.TempPath(target));
                foreach (var leftover in OwnerOnlyFiles.LeftoverTemps(target))
                {
                    // Under the lock no other write is under way: what is left was abandoned, and is older than what was just written.
                    OwnerOnlyFiles.TryDelete(leftover);
                }
            }
            catch (Exception e) when (e is IOException && !(e is UnsafeFileException) || e is UnauthorizedAccessException)
            {
                throw new KakaoException("TokenFileUnwritable", KakaoErrorKind.WriteError,
                    string.Format(CultureInfo.CurrentCulture, TokenFileMessages.TokenFileUnwritable, Path, e.Message),
                    TokenFileMessages.TokenFileUnwritableAction, e);
            }
        }

        /// <summary>Removes the login (and a link that led to it); called under <see cref="LockAsync"/>. A file that is not a token file is refused.</summary>
        public void Delete()
        {
            var target = Target();
            var (content, _) = ReadChecked(target);
            if (content == null)
            {
                return;
            }

            if (TokenFileKinds.Classify(content) == TokenFileKind.Foreign)
            {
                throw NotATokenFile();
            }

            File.Delete(target);
            if (!string.Equals(target, Path, StringComparison.Ordinal))
            {
                File.Delete(Path);
            }
        }

        /// <summary>
        /// The exclusive cross-process lock for read-modify-write, waited for at most
        /// <paramref name="timeout"/> without holding a thread.
        /// </summary>
        public async Task<IDisposable> LockAsync(TimeSpan timeout, CancellationToken cancellationToken)
        {
            var lockPath = LockPath;
            try
            {
                return await FileLock.AcquireAsync(lockPath, timeout, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                throw new KakaoException("TokenFileLocked", KakaoErrorKind.ResourceUnavailable,
                    string.Format(CultureInfo.CurrentCulture, TokenFileMessages.TokenFileLocked, lockPath, timeout.TotalSeconds.ToString("0", CultureInfo.CurrentCulture)),
                    TokenFileMessages.TokenFileLockedAction);
            }
            catch (UnsafeFileException e) when (e.Problem == UnsafeFileProblem.NotOwned)
            {
                throw new KakaoException("TokenLockFileNotOwned", KakaoErrorKind.PermissionDenied,
                    string.Format(CultureInfo.CurrentCulture, TokenFileMessages.TokenLockFileNotOwned, lockPath, e.Detail),
                    string.Format(CultureInfo.CurrentCulture, TokenFileMessages.TokenLockFileNotOwnedAction, lockPath));
            }
            catch (UnsafeFileException e)
            {
                throw ToKakaoException(e);
            }
        }

        /// <summary>
        /// How long to wait for the lock: longer than another command may hold it while it
        /// refreshes through all its retries (about 120 s with the defaults), with a margin.
        /// </summary>
        public static TimeSpan LockTimeout(RetryPolicy retry)
        {
            var longest = retry.LongestRequest > RetryPolicy.Default.LongestRequest ? retry.LongestRequest : RetryPolicy.Default.LongestRequest;
            return longest + TimeSpan.FromSeconds(30);
        }

        /// <summary>
        /// A temp file a killed writer left between its write and its rename may hold a refresh
        /// token Kakao has rotated: when it parses and is newer than the file, it becomes the
        /// file; older ones go. Done only when the lock is free, so no live write is touched.
        /// </summary>
        public void RecoverInterruptedWrite()
        {
            if (!HasLeftovers())
            {
                return;
            }

            using var held = TryLock();
            if (held != null)
            {
                AdoptLeftovers();
            }
        }

        /// <summary><see cref="RecoverInterruptedWrite"/> for a caller that holds <see cref="LockAsync"/>.</summary>
        public void RecoverInterruptedWriteUnderLock()
        {
            if (HasLeftovers())
            {
                AdoptLeftovers();
            }
        }

        private bool HasLeftovers()
        {
            try
            {
                return OwnerOnlyFiles.LeftoverTemps(Target()).Length > 0;
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                // Reported by the read that follows.
                return false;
            }
        }

        private void AdoptLeftovers()
        {
            var target = Target();
            var current = TryParse(target);
            string? newest = null;
            var newestAt = current?.IssuedAt ?? DateTimeOffset.MinValue;
            foreach (var leftover in OwnerOnlyFiles.LeftoverTemps(target))
            {
                var tokens = TryParse(leftover);
                if (tokens != null && tokens.IssuedAt > newestAt)
                {
                    newest = leftover;
                    newestAt = tokens.IssuedAt;
                }
            }

            if (newest != null)
            {
                OwnerOnlyFiles.Replace(newest, target);
                Verbose?.Invoke(string.Format(CultureInfo.CurrentCulture, TokenFileMessages.TokenFileRecovered, newest));
            }

            foreach (var older in OwnerOnlyFiles.LeftoverTemps(target))
            {
                OwnerOnlyFiles.TryDelete(older);
            }
        }

        private FileLock? TryLock()
        {
            try
            {
                return FileLock.TryAcquire(LockPath);
            }
            catch (IOException)
            {
                return null;
            }
        }

        private static TokenSet? TryParse(string path)
        {
            try
            {
                var (content, _) = ReadChecked(path);
                return content == null ? null : TokenSet.Parse(content, new DateTimeOffset(File.GetLastWriteTimeUtc(path), TimeSpan.Zero));
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || IsBadContent(e))
            {
                return null;
            }
        }

        /// <summary>The file the path leads to; a dangling link is an error.</summary>
        private string Target()
        {
            try
            {
                var target = OwnerOnlyFiles.FollowLinks(Path);
                if (!string.Equals(target, Path, StringComparison.Ordinal) && !File.Exists(target))
                {
                    throw new UnsafeFileException(Path, UnsafeFileProblem.LinkBroken, target);
                }

                return target;
            }
            catch (UnsafeFileException e)
            {
                throw ToKakaoException(e);
            }
        }

        /// <summary>Reads a small regular file of this user; the errors are the token file's.</summary>
        private static (byte[]? Content, FileFacts? Facts) ReadChecked(string path)
        {
            try
            {
                var content = OwnerOnlyFiles.ReadSmall(path, MaximumSize, out var facts);
                if (content != null && OwnerOnlyFiles.ForeignOwner(facts) is uint owner)
                {
                    throw new UnsafeFileException(path, UnsafeFileProblem.NotOwned, owner.ToString(CultureInfo.InvariantCulture));
                }

                return (content, facts);
            }
            catch (UnsafeFileException e)
            {
                throw ToKakaoException(e);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                throw new KakaoException("TokenFileUnreadable", KakaoErrorKind.ReadError,
                    string.Format(CultureInfo.CurrentCulture, TokenFileMessages.TokenFileUnreadable, path, e.Message),
                    TokenFileMessages.TokenFileUnreadableAction, e);
            }
        }

        /// <summary>A token file others can read becomes 0600, and the per-user KakaoPS folder 0700; the user is told.</summary>
        private void KeepPrivate(FileFacts? facts)
        {
            var told = new List<string>();
            if (facts is FileFacts file && file.OpenToOthers && OwnerOnlyFiles.Restrict(Target(), folder: false))
            {
                told.Add(string.Format(CultureInfo.CurrentCulture, TokenFileMessages.TokenFileNarrowed, Path, Octal(file.Permissions)));
            }

            // Only the folder KakaoPS owns: a project folder given with -TokenPath keeps its own permissions.
            var folder = System.IO.Path.GetDirectoryName(Target())!;
            if (string.Equals(System.IO.Path.GetFileName(folder), DefaultFolderName, StringComparison.Ordinal) && !OwnerOnlyFiles.IsWindows
                && UnixFiles.Stat(folder) is FileFacts folderFacts && folderFacts.OpenToOthers
                && OwnerOnlyFiles.ForeignOwner(folderFacts) == null && OwnerOnlyFiles.Restrict(folder, folder: true))
            {
                told.Add(string.Format(CultureInfo.CurrentCulture, TokenFileMessages.TokenFolderNarrowed, folder, Octal(folderFacts.Permissions)));
            }

            if (told.Count > 0)
            {
                // One warning for the file and its folder; once private, they are not reported again.
                Narrowed = string.Join(" ", told);
                Warning?.Invoke(Narrowed);
            }
        }

        private KakaoException NotATokenFile() =>
            new KakaoException("NotATokenFile", KakaoErrorKind.InvalidArgument,
                string.Format(CultureInfo.CurrentCulture, TokenFileMessages.NotATokenFile, Path),
                TokenFileMessages.NotATokenFileAction);

        private static KakaoException ToKakaoException(UnsafeFileException e) => e.Problem switch
        {
            UnsafeFileProblem.NotRegular => InvalidPath(e.FilePath, string.Format(CultureInfo.CurrentCulture, TokenFileMessages.NotRegularReason, e.Detail)),
            UnsafeFileProblem.TooLarge => new KakaoException("TokenFileTooLarge", KakaoErrorKind.InvalidArgument,
                string.Format(CultureInfo.CurrentCulture, TokenFileMessages.TokenFileTooLarge, e.FilePath, MaximumSize / 1024),
                TokenFileMessages.NotATokenFileAction),
            UnsafeFileProblem.LinkBroken => new KakaoException("TokenFileLinkBroken", KakaoErrorKind.InvalidArgument,
                string.Format(CultureInfo.CurrentCulture, TokenFileMessages.TokenFileLinkBroken, e.FilePath, e.Detail),
                TokenFileMessages.TokenFileLinkBrokenAction),
            UnsafeFileProblem.NotOwned => new KakaoException("TokenFileNotOwned", KakaoErrorKind.PermissionDenied,
                string.Format(CultureInfo.CurrentCulture, TokenFileMessages.TokenFileNotOwned, e.FilePath, e.Detail),
                TokenFileMessages.TokenFileNotOwnedAction),
            _ => new KakaoException("TokenLockFileUnsafe", KakaoErrorKind.InvalidData,
                string.Format(CultureInfo.CurrentCulture, TokenFileMessages.TokenLockFileUnsafe, e.FilePath, e.Detail),
                string.Format(CultureInfo.CurrentCulture, TokenFileMessages.TokenLockFileUnsafeAction, e.FilePath)),
        };

        private static bool Parses(byte[] content)
        {
            try
            {
                TokenSet.Parse(content, DateTimeOffset.UtcNow);
                return true;
            }
            catch (Exception e) when (IsBadContent(e))
            {
                return false;
            }
        }

        private static string Octal(int permissions) => Convert.ToString(permissions, 8).PadLeft(4, '0');

        /// <summary>What reading content that is not a token set throws: our own checks, the JSON reader, invalid UTF-8.</summary>
        private static bool IsBadContent(Exception e) =>
            e is InvalidDataException || e is JsonException || e is InvalidOperationException || e is ArgumentException || e is FormatException;

        private static string Describe(Exception e) => e is JsonException ? TokenFileMessages.NotValidJsonReason : e.Message;
    }
}
