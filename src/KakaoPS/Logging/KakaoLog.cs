using System;

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

        public KakaoLog(Action<string>? verbose, Action<string>? warning, Action<string, int>? progress = null, Action<string, string>? information = null)
        {
            _verbose = verbose;
            _warning = warning;
            _progress = progress;
            _information = information;
        }

        /// <summary>Whether verbose messages are shown; a message that would not be is not worth formatting.</summary>
        public bool VerboseShown => _verbose != null;

        public void Verbose(string message) => _verbose?.Invoke(message);

        public void Warning(string message) => _warning?.Invoke(message);

        /// <summary>
        /// Something the user must act on that is not a failure (shown like Write-Host, on the information
        /// stream, so no warning preference can turn it into an error); <paramref name="tag"/> lets scripts find it.
        /// </summary>
        public void Information(string tag, string message) => _information?.Invoke(tag, message);

        /// <summary>A long wait's status; <paramref name="percent"/> of 100 or more ends it.</summary>
        public void Progress(string status, int percent) => _progress?.Invoke(status, percent);
    }
}
