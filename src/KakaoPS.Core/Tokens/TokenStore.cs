using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using KakaoPS.Errors;
using KakaoPS.Files;
using KakaoPS.Http;
using KakaoPS.Resources;

namespace KakaoPS.Tokens
{
    /// <summary>
    /// kakao_token.json on disk, a <see cref="LockedFile"/>: written atomically, owner-only from
    /// its creation, guarded by a lock file for read-modify-write, read only when it is a small
    /// regular file of this user, and never
    /// replaced by anything but a complete token set. A file that is not a token file is never
    /// touched; a link at the path is written through to its target.
    /// </summary>
    internal sealed class TokenStore
    {
        public const string FileName = "kakao_token.json";

        /// <summary>A token file is under 2 KB; anything much larger is not one.</summary>
        public const int MaximumSize = 64 * 1024;

        public TokenStore(string path)
        {
            if (string.IsNullOrWhiteSpace(path))
            {
                throw TokenFileErrors.InvalidPath(path, TokenFileMessages.PathEmptyReason);
            }

            try
            {
                Path = System.IO.Path.GetFullPath(path);
            }
            catch (Exception e) when (e is ArgumentException || e is NotSupportedException || e is PathTooLongException)
            {
                throw TokenFileErrors.InvalidPath(path, FilePathRules.Problem(path) ?? e.Message);
            }

            // The full path: a device name anywhere in it, or what the system made of it (\\.\NUL for NUL).
            if (FilePathRules.Problem(Path) is string problem)
            {
                throw TokenFileErrors.InvalidPath(path, problem);
            }

            if (Directory.Exists(Path))
            {
                throw TokenFileErrors.InvalidPath(path, TokenFileMessages.PathIsFolderReason);
            }
        }

        public string Path { get; }

        /// <summary>A newer temp file that could not be renamed over the file (it is immutable, say): the login as it is now.</summary>
        private string? _unadopted;

        /// <summary>True when reads come from a newer temp file that could not be put in the file's place yet.</summary>
        public bool ReadsUnadopted => _unadopted != null;

        /// <summary>The lock beside the file the path leads to, so every link to one file shares one lock.</summary>
        public string LockPath => TargetFile().LockPath;

        /// <summary>Where warnings go (a file made private); set by the command that uses the store.</summary>
        public Action<string>? Warning { get; set; }

        /// <summary>Where notes go (tokens recovered after a crash).</summary>
        public Action<string>? Verbose { get; set; }

        /// <summary>What this store narrowed to its owner while reading, for Test-KakaoConnection; null if nothing.</summary>
        public string? Narrowed { get; private set; }

        /// <summary>
        /// The file's bytes, or null when there is no file. Refuses what is not a token file, a
        /// file of another user, and anything but a small regular file; narrows a token file
        /// others can read to its owner, and says so. When the file still holds <paramref name="accepted"/>,
        /// bytes this store already accepted, that same array is returned and not parsed again.
        /// </summary>
        public byte[]? ReadContent(byte[]? accepted = null)
        {
            var (content, facts) = TokenFileReads.ReadChecked(_unadopted != null && File.Exists(_unadopted) ? _unadopted : Path);
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
                throw TokenFileErrors.NotATokenFile(Path);
            }

            if (TokenFilePrivacy.Keep(Path, Target(), facts) is string narrowed)
            {
                Narrowed = narrowed;
                Warning?.Invoke(narrowed);
            }

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
            catch (Exception e) when (TokenFileErrors.IsBadContent(e))
            {
                throw TokenFileErrors.Invalid(Path, e);
            }
        }

        /// <summary>
        /// Checks, before anything is asked of Kakao, that a new login could be saved here: no
        /// dangling link, no file of another user, no file that is not a token file.
        /// </summary>
        public void CheckWritable()
        {
            var (content, _) = TokenFileReads.ReadChecked(Path);
            if (content != null && TokenFileKinds.Classify(content) == TokenFileKind.Foreign)
            {
                throw TokenFileErrors.NotATokenFile(Path);
            }
        }

        /// <summary>
        /// Replaces the file in one step (readers see the old file or the new one); called under
        /// <see cref="LockAsync"/>. A damaged file KakaoPS wrote is kept aside first; a file that
        /// is not a token file is refused.
        /// </summary>
        public void Write(TokenSet tokens, ReservedWrite? reserved = null)
        {
            var target = Target();
            try
            {
                var (content, _) = TokenFileReads.ReadChecked(target);
                var kind = content == null ? (TokenFileKind?)null : TokenFileKinds.Classify(content);
                if (kind == TokenFileKind.Foreign)
                {
                    throw TokenFileErrors.NotATokenFile(Path);
                }

                if (kind == TokenFileKind.KakaoPS && !TokenFileReads.Parses(content!))
                {
                    var aside = $"{target}.corrupt-{DateTime.UtcNow:yyyyMMddTHHmmssfffZ}";
                    File.Move(target, aside);
                    Warning?.Invoke(string.Format(CultureInfo.CurrentCulture, TokenFileMessages.TokenFileKeptAside, aside));
                }

                var file = new LockedFile(target, MaximumSize);
                if (reserved == null)
                {
                    file.Replace(tokens.ToJson());
                }
                else
                {
                    file.Replace(reserved, tokens.ToJson());
                }

                _unadopted = null;
            }
            catch (Exception e) when (e is IOException && !(e is UnsafeFileException) || e is UnauthorizedAccessException)
            {
                throw Unwritable(e);
            }
        }

        /// <summary>
        /// Called under <see cref="LockAsync"/> before Kakao is asked for tokens that must be kept:
        /// the temp file for the next <see cref="Write"/>, made now so that a full disk, a read-only or
        /// immutable folder or a file that is not a token file stops the request before it is sent.
        /// </summary>
        public ReservedWrite Reserve()
        {
            CheckWritable();
            try
            {
                return new LockedFile(Target(), MaximumSize).Reserve();
            }
            catch (Exception e) when (e is IOException && !(e is UnsafeFileException) || e is UnauthorizedAccessException)
            {
                throw Unwritable(e);
            }
        }

        private KakaoException Unwritable(Exception e) =>
            new KakaoException("TokenFileUnwritable", KakaoErrorKind.WriteError,
                string.Format(CultureInfo.CurrentCulture, TokenFileMessages.TokenFileUnwritable, Path, e.Message),
                TokenFileMessages.TokenFileUnwritableAction, e);

        /// <summary>Removes the login (and a link that led to it); called under <see cref="LockAsync"/>. A file that is not a token file is refused.</summary>
        public void Delete()
        {
            var target = Target();
            var (content, _) = TokenFileReads.ReadChecked(target);
            if (content == null)
            {
                return;
            }

            if (TokenFileKinds.Classify(content) == TokenFileKind.Foreign)
            {
                throw TokenFileErrors.NotATokenFile(Path);
            }

            try
            {
                File.Delete(target);
                if (!string.Equals(target, Path, StringComparison.Ordinal))
                {
                    File.Delete(Path);
                }
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                throw TokenFileErrors.Undeletable(Path, e);
            }
        }

        /// <summary>
        /// The exclusive cross-process lock for read-modify-write, waited for at most
        /// <paramref name="timeout"/> without holding a thread.
        /// </summary>
        public async Task<IDisposable> LockAsync(TimeSpan timeout, CancellationToken cancellationToken)
        {
            var file = TargetFile();
            try
            {
                return await file.LockAsync(timeout, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is TimeoutException || e is IOException || e is UnauthorizedAccessException)
            {
                throw TokenFileErrors.LockFailure(e, timeout, file.LockPath);
            }
        }

        /// <summary>The error for this login's lock not taken (see <see cref="TokenFileErrors.LockFailure"/>).</summary>
        internal KakaoException LockFailure(Exception e, TimeSpan timeout) => TokenFileErrors.LockFailure(e, timeout, LockPath);

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
            var current = TokenFileReads.TryParse(target);
            string? newest = null;
            var newestAt = current?.IssuedAt ?? DateTimeOffset.MinValue;
            foreach (var leftover in OwnerOnlyFiles.LeftoverTemps(target))
            {
                var tokens = TokenFileReads.TryParse(leftover);
                if (tokens != null && tokens.IssuedAt > newestAt)
                {
                    newest = leftover;
                    newestAt = tokens.IssuedAt;
                }
            }

            if (newest != null)
            {
                try
                {
                    OwnerOnlyFiles.Replace(newest, target);
                }
                catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
                {
                    // Still unwritable: the newer temp file is the login, read from where it is and kept, with the others.
                    _unadopted = newest;
                    return;
                }

                _unadopted = null;
                Verbose?.Invoke(string.Format(CultureInfo.CurrentCulture, TokenFileMessages.TokenFileRecovered, newest));
            }

            OwnerOnlyFiles.DeleteLeftoverTemps(target);
        }

        private IDisposable? TryLock()
        {
            try
            {
                return TargetFile().TryLock();
            }
            catch (IOException)
            {
                return null;
            }
        }

        /// <summary>The file the path leads to, with its lock beside it.</summary>
        private LockedFile TargetFile() => new LockedFile(Target(), MaximumSize);

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
                throw TokenFileErrors.Unsafe(e);
            }
        }
    }
}
