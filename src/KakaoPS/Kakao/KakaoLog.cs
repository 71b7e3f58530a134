using System;

namespace KakaoPS.Kakao
{
    /// <summary>
    /// Where the core reports what it does. The cmdlet layer forwards these to the verbose and
    /// warning streams on the pipeline thread. Nothing passed here may contain a secret.
    /// </summary>
    public sealed class KakaoLog
    {
        public static readonly KakaoLog None = new KakaoLog(null, null);

        public KakaoLog(Action<string>? verbose, Action<string>? warning)
        {
            VerboseSink = verbose;
            WarningSink = warning;
        }

        private Action<string>? VerboseSink { get; }

        private Action<string>? WarningSink { get; }

        public void Verbose(string message) => VerboseSink?.Invoke(message);

        public void Warning(string message) => WarningSink?.Invoke(message);
    }
}
