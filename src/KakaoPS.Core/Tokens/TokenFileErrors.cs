using System;
using System.Globalization;
using System.IO;
using System.Text.Json;
using KakaoPS.Errors;
using KakaoPS.Files;
using KakaoPS.Resources;

namespace KakaoPS.Tokens
{
    /// <summary>The token file's errors: what is wrong with the path, the file, its content or its lock, and what to do.</summary>
    internal static class TokenFileErrors
    {
        public static KakaoException InvalidPath(string path, string why) =>
            new KakaoException("InvalidTokenPath", KakaoErrorKind.InvalidArgument,
                string.Format(CultureInfo.CurrentCulture, TokenFileMessages.InvalidTokenPath, path, why),
                string.Format(CultureInfo.CurrentCulture, TokenFileMessages.InvalidTokenPathAction, TokenStore.FileName));

        public static KakaoException NotATokenFile(string path) =>
            new KakaoException("NotATokenFile", KakaoErrorKind.InvalidArgument,
                string.Format(CultureInfo.CurrentCulture, TokenFileMessages.NotATokenFile, path),
                TokenFileMessages.NotATokenFileAction);

        public static KakaoException Invalid(string path, Exception e) =>
            new KakaoException("TokenFileInvalid", KakaoErrorKind.InvalidData,
                string.Format(CultureInfo.CurrentCulture, TokenFileMessages.TokenFileInvalid, path, e is JsonException ? TokenFileMessages.NotValidJsonReason : e.Message),
                TokenFileMessages.TokenFileInvalidAction);

        /// <summary>A token file (or its lock file) that is not what it must be.</summary>
        public static KakaoException Unsafe(UnsafeFileException e) => e.Problem switch
        {
            UnsafeFileProblem.NotRegular => InvalidPath(e.FilePath, string.Format(CultureInfo.CurrentCulture, TokenFileMessages.NotRegularReason, e.Detail)),
            UnsafeFileProblem.TooLarge => new KakaoException("TokenFileTooLarge", KakaoErrorKind.InvalidArgument,
                string.Format(CultureInfo.CurrentCulture, TokenFileMessages.TokenFileTooLarge, e.FilePath, TokenStore.MaximumSize / 1024),
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

        /// <summary>
        /// The error for the lock at <paramref name="lockPath"/> not taken within <paramref name="timeout"/> (a <see cref="TimeoutException"/>),
        /// a lock file that is not a regular file of this user (an <see cref="UnsafeFileException"/>), or one that cannot be created
        /// or opened (an <see cref="IOException"/>: a read-only or immutable folder).
        /// </summary>
        public static KakaoException LockFailure(Exception e, TimeSpan timeout, string lockPath) => e switch
        {
            UnsafeFileException { Problem: UnsafeFileProblem.NotOwned } unsafeLock => new KakaoException("TokenLockFileNotOwned", KakaoErrorKind.PermissionDenied,
                string.Format(CultureInfo.CurrentCulture, TokenFileMessages.TokenLockFileNotOwned, unsafeLock.FilePath, unsafeLock.Detail),
                string.Format(CultureInfo.CurrentCulture, TokenFileMessages.TokenLockFileNotOwnedAction, unsafeLock.FilePath)),
            UnsafeFileException unsafeLock => Unsafe(unsafeLock),
            IOException or UnauthorizedAccessException => new KakaoException("TokenLockUnavailable", KakaoErrorKind.WriteError,
                string.Format(CultureInfo.CurrentCulture, TokenFileMessages.TokenLockUnavailable, lockPath, e.Message),
                string.Format(CultureInfo.CurrentCulture, TokenFileMessages.TokenLockUnavailableAction, Path.GetDirectoryName(lockPath)), e),
            _ => new KakaoException("TokenFileLocked", KakaoErrorKind.ResourceUnavailable,
                string.Format(CultureInfo.CurrentCulture, TokenFileMessages.TokenFileLocked, lockPath, timeout.TotalSeconds.ToString("0", CultureInfo.CurrentCulture)),
                TokenFileMessages.TokenFileLockedAction),
        };

        /// <summary>The token file (or the link to it) could not be deleted: an immutable file, a read-only folder.</summary>
        public static KakaoException Undeletable(string path, Exception e) =>
            new KakaoException("TokenFileUndeletable", KakaoErrorKind.WriteError,
                string.Format(CultureInfo.CurrentCulture, TokenFileMessages.TokenFileUndeletable, path, e.Message),
                string.Format(CultureInfo.CurrentCulture, TokenFileMessages.TokenFileUndeletableAction, path, Path.GetDirectoryName(path)), e);

        /// <summary>What reading content that is not a token set throws: our own checks, the JSON reader, invalid UTF-8.</summary>
        public static bool IsBadContent(Exception e) =>
            e is InvalidDataException || e is JsonException || e is InvalidOperationException || e is ArgumentException || e is FormatException;
    }
}
