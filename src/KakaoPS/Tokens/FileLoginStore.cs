using System;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using KakaoPS.Errors;
using KakaoPS.Logging;
using KakaoPS.Models;
using KakaoPS.Resources;

namespace KakaoPS.Tokens
{
    /// <summary>A login saved in a token file (<see cref="TokenStore"/>), shared by every process of the user, read through the process's <see cref="TokenFileCache"/>.</summary>
    internal sealed class FileLoginStore : ILoginStore
    {
        private readonly TokenFileCache _cache;

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
            var current = File.Read() ?? throw new KakaoException("NotConnected", KakaoErrorKind.NotConnected,
                string.Format(CultureInfo.CurrentCulture, TokenMessages.TokenFileRemoved, File.Path),
                TokenMessages.LogInAgain);
            _cache.Saved(File, current);
            return current;
        }

        public void Write(TokenSet tokens)
        {
            File.Write(tokens);
            _cache.Saved(File, tokens);
        }

        public void Delete()
        {
            File.Delete();
            _cache.Forget();
        }

        public void ReportRotation(TokenSet rotated, bool handedOn, KakaoLog log) =>
            log.Verbose(string.Format(CultureInfo.CurrentCulture, TokenMessages.RotatedSaved, rotated.RefreshTokenExpiresAt, File.Path));

        public string HandlerFailed(string failure) =>
            string.Format(CultureInfo.CurrentCulture, RefreshTokenMessages.HandlerFailedFile, failure, File.Path);
    }
}
