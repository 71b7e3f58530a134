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
    /// <summary>
    /// A login kept in this process's memory only (Connect-Kakao -ContextScope Process): one per
    /// process, in the session; it never touches a file and ends with the process.
    /// </summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "One per process, for the life of the process; a SemaphoreSlim whose wait handle is never asked for holds nothing to release.")]
    internal sealed class MemoryLoginStore : ILoginStore
    {
        private readonly object _gate = new object();

        /// <summary>Serializes refreshes of the login, as the lock file does for a saved one.</summary>
        private readonly SemaphoreSlim _refreshLock = new SemaphoreSlim(1, 1);

        private TokenSet? _tokens;

        public TokenScope Scope => TokenScope.Process;

        public string? FilePath => null;

        public string Name => "process";

        public string Target => CommandMessages.MemoryOnlyLoginTarget;

        /// <summary>Whether this process holds a memory-only login, which commands without -TokenPath then use.</summary>
        public bool HasLogin => Load() != null;

        public TokenSet? Load()
        {
            lock (_gate)
            {
                return _tokens;
            }
        }

        public KakaoException NotConnected() =>
            new KakaoException("NotConnected", KakaoErrorKind.NotConnected, TokenMessages.NotConnectedProcess, TokenMessages.NotConnectedAction);

        public void CheckWritable()
        {
        }

        /// <summary>A memory-only login replaces no saved login.</summary>
        public TokenSet? ReadForReplacement() => null;

        /// <summary>Only commands of this process share the login, so the wait is bounded by Ctrl+C alone.</summary>
        public async Task<IDisposable> LockAsync(TimeSpan timeout, CancellationToken cancellationToken)
        {
            await _refreshLock.WaitAsync(cancellationToken).ConfigureAwait(false);
            return new Release(_refreshLock);
        }

        public TokenSet ReadLocked(TokenSet loaded) => Load() ?? loaded;

        public void Write(TokenSet tokens)
        {
            lock (_gate)
            {
                _tokens = tokens;
            }
        }

        public IDisposable Reserve() => new Release(null);

        /// <summary>Memory always takes the tokens; kept anyway should a write ever fail.</summary>
        public KakaoException KeepUnsaved(TokenSet issued, KakaoException failure, bool rotated, bool handedOn, bool newLogin = false)
        {
            Write(issued);
            return failure;
        }

        public void Delete()
        {
            lock (_gate)
            {
                _tokens = null;
            }
        }

        public void ReportRotation(TokenSet rotated, bool handedOn, KakaoLog log)
        {
            if (handedOn)
            {
                // The script block stores the token; if it fails, its own error says so.
                log.Verbose(string.Format(CultureInfo.CurrentCulture, RefreshTokenMessages.RotatedHandedToScript, ShownTime.Of(rotated.RefreshTokenExpiresAt)));
                return;
            }

            log.Information("RefreshTokenRotated",
                string.Format(CultureInfo.CurrentCulture, TokenMessages.RotatedMemoryOnly, ShownTime.Of(rotated.RefreshTokenExpiresAt)));
        }

        public string HandlerFailed(string failure) =>
            string.Format(CultureInfo.CurrentCulture, RefreshTokenMessages.HandlerFailedMemory, failure);

        private sealed class Release : IDisposable
        {
            private SemaphoreSlim? _semaphore;

            public Release(SemaphoreSlim? semaphore) => _semaphore = semaphore;

            public void Dispose() => Interlocked.Exchange(ref _semaphore, null)?.Release();
        }
    }
}
