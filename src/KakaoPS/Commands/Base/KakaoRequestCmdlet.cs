using System;
using System.Management.Automation;
using KakaoPS.Http;

namespace KakaoPS.Commands.Base
{
    /// <summary>
    /// A cmdlet that calls Kakao over HTTP: it takes the retry and timeout parameters, named as
    /// Invoke-RestMethod names them, and hands them to the core as a <see cref="Kakao.RetryPolicy"/>.
    /// </summary>
    public abstract class KakaoRequestCmdlet : KakaoTokenCmdlet
    {
        /// <summary>Retries after a transient failure (connection lost, timeout, HTTP 429/502/503/504, Kakao -1/-7/-603/-9798/KOE003).</summary>
        [Parameter]
        [ValidateRange(0, 10)]
        public int MaximumRetryCount { get; set; } = RetryPolicy.DefaultMaximumRetryCount;

        /// <summary>The first wait between attempts in seconds; it doubles each time, and a Retry-After from Kakao wins when longer.</summary>
        [Parameter]
        [ValidateRange(0, 30)]
        public int RetryIntervalSec { get; set; } = RetryPolicy.DefaultRetryIntervalSec;

        /// <summary>How long one attempt may take, in seconds.</summary>
        [Parameter]
        [ValidateRange(1, 600)]
        public int TimeoutSec { get; set; } = RetryPolicy.DefaultTimeoutSec;

        private protected override RetryPolicy RetryPolicy =>
            new RetryPolicy(MaximumRetryCount, TimeSpan.FromSeconds(RetryIntervalSec), TimeSpan.FromSeconds(TimeoutSec));
    }
}
