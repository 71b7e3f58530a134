using System;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using KakaoPS.Errors;
using KakaoPS.Resources;
using KakaoPS.Logging;

namespace KakaoPS.Http
{
    /// <summary>
    /// When and how long to wait before sending a request to Kakao again. Only failures marked
    /// transient are retried; waits grow exponentially with jitter, never undercut a Retry-After,
    /// and add up to at most <see cref="MaximumTotalDelay"/>. Each attempt gets its own timeout.
    /// </summary>
    internal sealed class RetryPolicy
    {
        public const int DefaultMaximumRetryCount = 2;
        public const int DefaultRetryIntervalSec = 1;
        public const int DefaultTimeoutSec = 30;

        /// <summary>The waits between attempts never add up to more than this.</summary>
        public static readonly TimeSpan MaximumTotalDelay = TimeSpan.FromSeconds(30);

        public static readonly RetryPolicy Default = new RetryPolicy(DefaultMaximumRetryCount,
            TimeSpan.FromSeconds(DefaultRetryIntervalSec), TimeSpan.FromSeconds(DefaultTimeoutSec));

        private readonly Func<TimeSpan, CancellationToken, Task> _delay;
        private readonly Func<double> _random;

        /// <param name="delay">How to wait; tests pass one that records instead of sleeping.</param>
        /// <param name="random">A number in [0, 1) for the jitter.</param>
        public RetryPolicy(int maximumRetryCount, TimeSpan retryInterval, TimeSpan requestTimeout,
            Func<TimeSpan, CancellationToken, Task>? delay = null, Func<double>? random = null)
        {
            if (maximumRetryCount < 0 || retryInterval < TimeSpan.Zero || requestTimeout <= TimeSpan.Zero)
            {
                throw new ArgumentOutOfRangeException(nameof(maximumRetryCount), HttpMessages.RetryArgumentsOutOfRange);
            }

            MaximumRetryCount = maximumRetryCount;
            RetryInterval = retryInterval;
            RequestTimeout = requestTimeout;
            _delay = delay ?? Task.Delay;
            _random = random ?? SharedRandom.Next;
        }

        /// <summary>Retries after the first attempt: 2 means at most 3 attempts.</summary>
        public int MaximumRetryCount { get; }

        /// <summary>The first wait; each later one doubles it (then jitter takes up to half away).</summary>
        public TimeSpan RetryInterval { get; }

        /// <summary>How long one attempt may take, response body included.</summary>
        public TimeSpan RequestTimeout { get; }

        /// <summary>The longest one request can take through all its attempts and waits (120 s with the defaults).</summary>
        public TimeSpan LongestRequest => TimeSpan.FromTicks(RequestTimeout.Ticks * (MaximumRetryCount + 1)) + MaximumTotalDelay;

        /// <summary>
        /// Runs <paramref name="attempt"/> (given its 1-based number) until it succeeds, fails for
        /// good, or the retries are used up, and returns its value. Cancellation stops a wait at once.
        /// </summary>
        public async Task<T> ExecuteAsync<T>(Func<int, Task<T>> attempt, KakaoLog log, CancellationToken cancellationToken)
        {
            var waited = TimeSpan.Zero;
            for (var number = 1; ; number++)
            {
                try
                {
                    return await attempt(number).ConfigureAwait(false);
                }
                catch (KakaoException e) when (e.IsTransient)
                {
                    var wait = DelayBeforeRetry(number, e, waited, out var reason);
                    if (wait == null)
                    {
                        throw number > 1 || reason != null ? e.AfterAttempts(number, reason) : e;
                    }

                    log.Verbose(string.Format(CultureInfo.InvariantCulture, HttpMessages.AttemptFailedRetrying,
                        number, e.ErrorId, wait.Value.TotalSeconds));
                    // A wait the user notices shows why the prompt is quiet (the verbose line above needs -Verbose).
                    var status = wait.Value > NoticeableWait ? WaitStatus(e, wait.Value, number + 1) : null;
                    if (status != null)
                    {
                        log.Progress(status, 0);
                    }

                    try
                    {
                        await _delay(wait.Value, cancellationToken).ConfigureAwait(false);
                    }
                    finally
                    {
                        if (status != null)
                        {
                            log.Progress(status, 100);
                        }
                    }

                    waited += wait.Value;
                }
            }
        }

        /// <summary>Waits longer than this show progress.</summary>
        private static readonly TimeSpan NoticeableWait = TimeSpan.FromSeconds(1);

        private string WaitStatus(KakaoException failure, TimeSpan wait, int nextAttempt)
        {
            var seconds = Math.Ceiling(wait.TotalSeconds);
            return failure.HttpStatus is int status
                ? string.Format(CultureInfo.CurrentCulture, HttpMessages.RetryAfterStatus, status, seconds, nextAttempt, MaximumRetryCount + 1)
                : string.Format(CultureInfo.CurrentCulture, HttpMessages.RetryAfterFailure, failure.ErrorId, seconds, nextAttempt, MaximumRetryCount + 1);
        }

        /// <summary>
        /// The wait before attempt <paramref name="failedAttempt"/> + 1, or null to give up
        /// (with <paramref name="reason"/> when it is not simply the retry count).
        /// </summary>
        public TimeSpan? DelayBeforeRetry(int failedAttempt, KakaoException failure, TimeSpan waitedSoFar, out string? reason)
        {
            reason = null;
            if (!failure.IsTransient || failedAttempt > MaximumRetryCount)
            {
                return null;
            }

            var left = MaximumTotalDelay - waitedSoFar;
            if (failure.RetryAfter is TimeSpan asked && asked > left)
            {
                reason = string.Format(CultureInfo.InvariantCulture, HttpMessages.RetryAfterTooLong,
                    asked.TotalSeconds, Math.Max(0, left.TotalSeconds));
                return null;
            }

            // Equal jitter: half the exponential step for sure, the other half at random.
            var step = RetryInterval.TotalMilliseconds * Math.Pow(2, failedAttempt - 1);
            var backoff = TimeSpan.FromMilliseconds(step / 2 + (step / 2 * _random()));
            var wait = failure.RetryAfter is TimeSpan retryAfter && retryAfter > backoff ? retryAfter : backoff;
            return wait > left ? (left > TimeSpan.Zero ? left : TimeSpan.Zero) : wait;
        }

        /// <summary>Random is not thread-safe; one per thread.</summary>
        private static class SharedRandom
        {
            [ThreadStatic]
            private static Random? _random;

            public static double Next() => (_random ??= new Random(Guid.NewGuid().GetHashCode())).NextDouble();
        }
    }
}
