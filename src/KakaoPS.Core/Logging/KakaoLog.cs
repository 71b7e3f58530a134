using System;
using System.Threading;
using System.Threading.Tasks;

namespace KakaoPS.Logging
{
    /// <summary>
    /// Where the core reports what it does. The cmdlet layer forwards these to the verbose, warning
    /// and progress streams on the pipeline thread. Nothing passed here may contain a secret.
    /// </summary>
    internal sealed class KakaoLog
    {
        public static readonly KakaoLog None = new KakaoLog(null, null);

        private readonly Action<string>? _verbose;
        private readonly Action<string>? _warning;
        private readonly Action<string, int>? _progress;
        private readonly Action<string, string>? _information;
        private readonly bool _verboseMayStop;
        private readonly bool _informationMayStop;
        private int _unwritten;

        /// <param name="verboseMayStop">A verbose message may stop the command ($VerbosePreference = 'Stop'): it is then written before the next request, as a warning is.</param>
        /// <param name="informationMayStop">The same for information ($InformationPreference = 'Stop').</param>
        public KakaoLog(Action<string>? verbose, Action<string>? warning, Action<string, int>? progress = null, Action<string, string>? information = null,
            bool verboseMayStop = false, bool informationMayStop = false)
        {
            _verboseMayStop = verboseMayStop && verbose != null;
            _informationMayStop = informationMayStop && information != null;
            _verbose = verbose;
            _warning = warning;
            _progress = progress;
            _information = information;
        }

        /// <summary>Whether verbose messages are shown; a message that would not be is not worth formatting.</summary>
        public bool VerboseShown => _verbose != null;

        public void Verbose(string message)
        {
            if (_verboseMayStop)
            {
                Interlocked.Exchange(ref _unwritten, 1);
            }

            _verbose?.Invoke(message);
        }

        public void Warning(string message)
        {
            Interlocked.Exchange(ref _unwritten, 1);
            _warning?.Invoke(message);
        }

        /// <summary>Waits until the messages handed on so far are written (a write that throws cancels the token); set by the command.</summary>
        public Func<CancellationToken, Task>? Written { get; set; }

        /// <summary>Told just before each request goes to Kakao; set by the command.</summary>
        public Action? Sending { get; set; }

        /// <summary>
        /// Called before each request: a warning (or a verbose message that may stop the command) handed on
        /// earlier is written first, so that a preference that turns it into an error stops the command while
        /// nothing has happened at Kakao.
        /// </summary>
        public async Task BeforeSendAsync(CancellationToken cancellationToken)
        {
            if (Written != null && Interlocked.Exchange(ref _unwritten, 0) == 1)
            {
                await Written(cancellationToken).ConfigureAwait(false);
            }

            Sending?.Invoke();
        }

        /// <summary>
        /// Something the user must act on that is not a failure (shown like Write-Host, on the information
        /// stream, so no warning preference can turn it into an error); <paramref name="tag"/> lets scripts find it.
        /// Written before the next request when $InformationPreference may stop the command, as a warning is.
        /// </summary>
        public void Information(string tag, string message)
        {
            if (_informationMayStop)
            {
                Interlocked.Exchange(ref _unwritten, 1);
            }

            _information?.Invoke(tag, message);
        }

        /// <summary>A long wait's status; <paramref name="percent"/> of 100 or more ends it.</summary>
        public void Progress(string status, int percent) => _progress?.Invoke(status, percent);
    }
}
