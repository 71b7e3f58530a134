using System;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using KakaoPS.Errors;
using KakaoPS.Files;
using KakaoPS.Logging;
using KakaoPS.Models;
using KakaoPS.Resources;

namespace KakaoPS.Tokens
{
    /// <summary>A login saved in a token file (<see cref="TokenStore"/>), shared by every process of the user, read through the process's <see cref="TokenFileCache"/>.</summary>
    internal sealed class FileLoginStore : ILoginStore
    {
        private readonly TokenFileCache _cache;

        /// <summary>The file's bytes as read under the lock: what it still holds when a write fails.</summary>
        private byte[]? _lockedContent;

        private ReservedWrite? _reserved;

        public FileLoginStore(TokenStore file, TokenFileCache cache)
        {
            File = file;
            _cache = cache;
        }

        public TokenStore File { get; }

        public TokenScope Scope => TokenScope.CurrentUser;

        public string? FilePath => File.Path;

        public string Name => "file:" + File.Path;

        public string Target => File.Path;

        public TokenSet? Load() => _cache.Load(File);

        public KakaoException NotConnected() =>
            new KakaoException("NotConnected", KakaoErrorKind.NotConnected,
                string.Format(CultureInfo.CurrentCulture, TokenMessages.NotConnectedFile, File.Path),
                TokenMessages.NotConnectedAction);

        public void CheckWritable() => File.CheckWritable();

        public TokenSet? ReadForReplacement()
        {
            try
            {
                return File.Read();
            }
            catch (KakaoException)
            {
                return null; // not a login; the write deals with the file as it always does
            }
        }

        public Task<IDisposable> LockAsync(TimeSpan timeout, CancellationToken cancellationToken) => File.LockAsync(timeout, cancellationToken);

        /// <summary>A write a stopped command left is adopted first: it may hold a refresh token Kakao has rotated.</summary>
        public TokenSet ReadLocked(TokenSet loaded)
        {
            File.RecoverInterruptedWriteUnderLock();
            _lockedContent = File.ReadContent();
            var current = File.Parse(_lockedContent) ?? throw new KakaoException("NotConnected", KakaoErrorKind.NotConnected,
                string.Format(CultureInfo.CurrentCulture, TokenMessages.TokenFileRemoved, File.Path),
                TokenMessages.LogInAgain);
            _cache.Saved(File, current);
            return current;
        }

        public IDisposable Reserve()
        {
            var reserved = File.Reserve();
            _reserved = reserved;
            return new Reservation(this, reserved);
        }

        public void Write(TokenSet tokens)
        {
            var reserved = _reserved;
            _reserved = null;
            File.Write(tokens, reserved);
            _cache.Saved(File, tokens);
        }

        /// <summary>
        /// The new tokens stay with this process (<see cref="TokenFileCache.Unsaved"/>); when the write got as far as a
        /// complete temp file, that file keeps them for every other process and is put in place by the next write.
        /// </summary>
        public KakaoException KeepUnsaved(TokenSet issued, KakaoException failure, bool rotated, bool handedOn, bool newLogin = false)
        {
            _cache.Unsaved(File, issued, _lockedContent);
            var kept = (failure.InnerException as TempKeptException)?.KeptPath;
            var handed = handedOn ? RefreshTokenMessages.NotSavedHandedOn : string.Empty;
            if (newLogin)
            {
                return new KakaoException("NewLoginNotSaved", KakaoErrorKind.WriteError,
                    string.Format(CultureInfo.CurrentCulture, kept != null ? RefreshTokenMessages.NewLoginNotSavedKept : RefreshTokenMessages.NewLoginNotSavedSession,
                        File.Path, failure.Message, kept),
                    string.Format(CultureInfo.CurrentCulture, kept != null ? RefreshTokenMessages.RotatedNotSavedKeptAction : RefreshTokenMessages.RotatedNotSavedSessionAction,
                        File.Path, kept));
            }

            if (!rotated)
            {
                return new KakaoException("RefreshedTokensNotSaved", KakaoErrorKind.WriteError,
                    string.Format(CultureInfo.CurrentCulture, RefreshTokenMessages.RefreshedNotSaved, File.Path, failure.Message),
                    string.Format(CultureInfo.CurrentCulture, RefreshTokenMessages.RefreshedNotSavedAction, File.Path));
            }

            return kept != null
                ? new KakaoException("RefreshTokenNotSaved", KakaoErrorKind.WriteError,
                    string.Format(CultureInfo.CurrentCulture, RefreshTokenMessages.RotatedNotSavedKept, File.Path, failure.Message, kept, handed),
                    string.Format(CultureInfo.CurrentCulture, RefreshTokenMessages.RotatedNotSavedKeptAction, File.Path, kept))
                : new KakaoException("RefreshTokenNotSaved", KakaoErrorKind.WriteError,
                    string.Format(CultureInfo.CurrentCulture, RefreshTokenMessages.RotatedNotSavedSession, File.Path, failure.Message, handed),
                    string.Format(CultureInfo.CurrentCulture, RefreshTokenMessages.RotatedNotSavedSessionAction, File.Path));
        }

        public void Delete()
        {
            File.Delete();
            _cache.Forget();
        }

        public void ReportRotation(TokenSet rotated, bool handedOn, KakaoLog log) =>
            log.Verbose(string.Format(CultureInfo.CurrentCulture, TokenMessages.RotatedSaved, ShownTime.Of(rotated.RefreshTokenExpiresAt), File.Path));

        public string HandlerFailed(string failure) =>
            string.Format(CultureInfo.CurrentCulture, RefreshTokenMessages.HandlerFailedFile, failure, File.Path);

        private sealed class Reservation : IDisposable
        {
            private readonly FileLoginStore _store;
            private readonly ReservedWrite _reserved;

            public Reservation(FileLoginStore store, ReservedWrite reserved)
            {
                _store = store;
                _reserved = reserved;
            }

            public void Dispose()
            {
                if (ReferenceEquals(_store._reserved, _reserved))
                {
                    _store._reserved = null;
                }

                _reserved.Dispose();
            }
        }
    }
}
