using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using KakaoPS.Errors;
using KakaoPS.Http;
using KakaoPS.Logging;

namespace KakaoPS.Core.Tests;

/// <summary>The retry rules, with waits recorded instead of slept.</summary>
public sealed class RetryPolicyTests
{
    private readonly List<TimeSpan> _waits = new();

    private RetryPolicy Policy(int retries = 2, double intervalSeconds = 1, double random = 0.5) =>
        new(retries, TimeSpan.FromSeconds(intervalSeconds), TimeSpan.FromSeconds(30), Record, () => random);

    private Task Record(TimeSpan wait, CancellationToken cancellationToken)
    {
        _waits.Add(wait);
        return Task.CompletedTask;
    }

    private static KakaoException Failure(string id, bool transient, TimeSpan? retryAfter = null) =>
        new(id, KakaoErrorKind.ResourceUnavailable, $"{id} happened.", "Try again.") { IsTransient = transient, RetryAfter = retryAfter };

    /// <summary>Runs the policy over a script of failures (null = success) and returns the attempts made.</summary>
    private async Task<(int Attempts, KakaoException? Error)> RunAsync(RetryPolicy policy, params KakaoException?[] outcomes)
    {
        var attempts = 0;
        try
        {
            await policy.ExecuteAsync(number =>
            {
                attempts = number;
                var outcome = outcomes[Math.Min(number, outcomes.Length) - 1];
                return outcome == null ? Task.FromResult(true) : throw outcome;
            }, KakaoLog.None, CancellationToken.None);
            return (attempts, null);
        }
        catch (KakaoException e)
        {
            return (attempts, e);
        }
    }

    [Fact]
    public async Task A_transient_failure_then_success_takes_two_attempts()
    {
        var (attempts, error) = await RunAsync(Policy(), Failure("HttpError503", true), null);

        Assert.Null(error);
        Assert.Equal(2, attempts);
        Assert.Single(_waits);
    }

    [Fact]
    public async Task The_policy_numbers_each_attempt_and_returns_the_value()
    {
        var numbers = new List<int>();

        var value = await Policy().ExecuteAsync(
            number => { numbers.Add(number); return numbers.Count < 3 ? throw Failure("HttpError503", true) : Task.FromResult("sent"); }, KakaoLog.None, CancellationToken.None);

        Assert.Equal("sent", value);
        Assert.Equal(new[] { 1, 2, 3 }, numbers);
    }

    [Theory]
    [InlineData("Kakao-2")]
    [InlineData("Kakao-402")]
    [InlineData("Kakao-10")]
    [InlineData("KOE320")]
    [InlineData("HttpError400")]
    public async Task Failures_that_are_not_transient_are_never_retried(string errorId)
    {
        var failure = Failure(errorId, transient: false);

        var (attempts, error) = await RunAsync(Policy(), failure, null);

        Assert.Equal(1, attempts);
        Assert.Same(failure, error);
        Assert.Empty(_waits);
    }

    [Fact]
    public async Task A_message_ending_in_NET_s_own_words_is_closed_before_the_attempts_are_told()
    {
        var reset = new KakaoException("KakaoUnreachable", KakaoErrorKind.ConnectionError,
            "Could not reach http://127.0.0.1:9: Connection reset by peer", "Check the network.") { IsTransient = true };

        var (_, error) = await RunAsync(Policy(retries: 2), reset, reset, reset);

        Assert.Equal("Could not reach http://127.0.0.1:9: Connection reset by peer. Tried 3 times.", error!.Message);
    }

    [Fact]
    public async Task Retries_stop_after_the_maximum_and_the_message_says_how_often_it_tried()
    {
        var (attempts, error) = await RunAsync(Policy(retries: 2), Failure("HttpError503", true));

        Assert.Equal(3, attempts);
        Assert.Equal(3, error!.Attempts);
        Assert.Equal("HttpError503", error.ErrorId);
        Assert.EndsWith("Tried 3 times.", error.Message);
        Assert.Equal(2, _waits.Count);
    }

    [Fact]
    public async Task Zero_retries_means_one_attempt_and_the_error_as_it_was()
    {
        var failure = Failure("KakaoUnreachable", true);

        var (attempts, error) = await RunAsync(Policy(retries: 0), failure);

        Assert.Equal(1, attempts);
        Assert.Same(failure, error);
    }

    [Fact]
    public async Task Waits_double_each_time_with_jitter_taking_at_most_half()
    {
        await RunAsync(Policy(retries: 4, intervalSeconds: 1, random: 0), Failure("HttpError503", true));
        Assert.Equal(new[] { 0.5, 1, 2, 4 }, _waits.Select(w => w.TotalSeconds));

        _waits.Clear();
        await RunAsync(Policy(retries: 4, intervalSeconds: 1, random: 0.999999), Failure("HttpError503", true));
        Assert.Equal(new[] { 1.0, 2, 4, 8 }, _waits.Select(w => Math.Round(w.TotalSeconds, 3)));
    }

    [Fact]
    public async Task A_longer_Retry_After_is_honoured()
    {
        await RunAsync(Policy(), Failure("HttpError429", true, TimeSpan.FromSeconds(7)), null);

        Assert.Equal(TimeSpan.FromSeconds(7), Assert.Single(_waits));
    }

    [Fact]
    public async Task A_Retry_After_beyond_the_30_second_budget_stops_at_once_and_says_why()
    {
        var (attempts, error) = await RunAsync(Policy(), Failure("HttpError503", true, TimeSpan.FromSeconds(120)), null);

        Assert.Equal(1, attempts);
        Assert.Empty(_waits);
        Assert.Contains("Kakao asked to wait 120 s", error!.Message);
    }

    [Fact]
    public async Task All_waits_together_stay_within_30_seconds()
    {
        await RunAsync(Policy(retries: 10, intervalSeconds: 30, random: 0.9), Failure("HttpError503", true));

        Assert.True(_waits.Sum(w => w.TotalSeconds) <= RetryPolicy.MaximumTotalDelay.TotalSeconds, string.Join(", ", _waits));
        Assert.Equal(RetryPolicy.MaximumTotalDelay, TimeSpan.FromSeconds(_waits.Sum(w => w.TotalSeconds)));
    }

    [Fact]
    public async Task Cancelling_stops_a_wait_at_once()
    {
        using var cancellation = new CancellationTokenSource();
        var policy = new RetryPolicy(2, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(30));
        var run = policy.ExecuteAsync<bool>(_ => throw Failure("HttpError503", true), KakaoLog.None, cancellation.Token);

        cancellation.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
    }

    [Fact]
    public void Defaults_are_three_attempts_and_a_30_second_timeout()
    {
        Assert.Equal(2, RetryPolicy.Default.MaximumRetryCount);
        Assert.Equal(TimeSpan.FromSeconds(30), RetryPolicy.Default.RequestTimeout);
        Assert.Throws<ArgumentOutOfRangeException>(() => new RetryPolicy(-1, TimeSpan.Zero, TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public async Task A_wait_longer_than_a_second_shows_progress_and_ends_it()
    {
        var progress = new List<(string Status, int Percent)>();
        var log = new KakaoLog(null, null, (status, percent) => progress.Add((status, percent)));
        var busy = new KakaoException("HttpError503", KakaoErrorKind.ResourceUnavailable, "busy.", "Try again.")
        {
            IsTransient = true,
            HttpStatus = 503,
            RetryAfter = TimeSpan.FromSeconds(12),
        };
        var calls = 0;

        await Policy(retries: 3).ExecuteAsync(_ => ++calls == 1 ? throw busy : Task.FromResult(true), log, CancellationToken.None);

        Assert.Equal("Kakao answered 503; trying again in 12 s, attempt 2 of 4", progress[0].Status);
        Assert.True(progress[^1].Percent >= 100);
    }

    [Fact]
    public async Task A_short_wait_shows_no_progress()
    {
        var progress = new List<string>();
        var log = new KakaoLog(null, null, (status, _) => progress.Add(status));

        var calls = 0;
        await Policy(intervalSeconds: 0.2).ExecuteAsync(_ => ++calls == 1 ? throw Failure("HttpError503", true) : Task.FromResult(true), log, CancellationToken.None);

        Assert.Empty(progress);
    }
}
