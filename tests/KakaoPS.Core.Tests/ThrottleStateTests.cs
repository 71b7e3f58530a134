using System;
using System.Text;
using KakaoPS.Throttling;

namespace KakaoPS.Core.Tests;

public sealed class ThrottleStateTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 30, 9, 14, 0, TimeSpan.Zero);
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);
    private readonly string _key = ThrottleKey.For(null, "disk 91% full");

    [Fact]
    public void The_first_alert_goes_and_repeats_within_the_window_are_held_and_counted()
    {
        var state = ThrottleState.Empty();

        var first = state.Decide(_key, Hour, T0);
        var second = state.Decide(_key, Hour, T0.AddMinutes(1));
        var third = state.Decide(_key, Hour, T0.AddMinutes(2));

        Assert.False(first.Suppressed);
        Assert.Equal(0, first.Held);
        Assert.True(second.Suppressed);
        Assert.True(third.Suppressed);
        Assert.Equal(2, third.Held);
        Assert.Equal(T0.AddMinutes(1), third.HeldSince);
        Assert.Equal(T0 + Hour, third.WindowEndsAt);
    }

    [Fact]
    public void The_first_alert_after_the_window_says_how_many_were_held_back_since_when()
    {
        var state = ThrottleState.Empty();
        state.Decide(_key, Hour, T0);
        state.Decide(_key, Hour, T0.AddMinutes(5));
        state.Decide(_key, Hour, T0.AddMinutes(6));

        var after = state.Decide(_key, Hour, T0 + Hour);
        var next = state.Decide(_key, Hour, T0 + Hour + TimeSpan.FromMinutes(1));

        Assert.False(after.Suppressed);
        Assert.Equal(2, after.Held);
        Assert.Equal(T0.AddMinutes(5), after.HeldSince);
        Assert.True(next.Suppressed);
        Assert.Equal(1, next.Held);
    }

    [Fact]
    public void Different_alerts_have_their_own_windows()
    {
        var state = ThrottleState.Empty();
        state.Decide(_key, Hour, T0);

        Assert.False(state.Decide(ThrottleKey.For(null, "disk 92% full"), Hour, T0.AddMinutes(1)).Suppressed);
        Assert.False(state.Decide(ThrottleKey.For("disk", "disk 93% full"), Hour, T0.AddMinutes(1)).Suppressed);
        Assert.True(state.Decide(ThrottleKey.For("disk", "disk 94% full"), Hour, T0.AddMinutes(2)).Suppressed);
    }

    [Fact]
    public void A_failed_send_releases_its_reservation_and_keeps_the_count()
    {
        var state = ThrottleState.Empty();
        state.Decide(_key, Hour, T0);
        state.Decide(_key, Hour, T0.AddMinutes(1));

        var later = T0 + Hour;
        var decision = state.Decide(_key, Hour, later);
        state.Release(_key, decision);
        var retry = state.Decide(_key, Hour, later.AddSeconds(10));

        Assert.False(retry.Suppressed);
        Assert.Equal(1, retry.Held);
    }

    [Fact]
    public void The_file_round_trips_and_holds_hashes_and_times_only()
    {
        var state = ThrottleState.Empty();
        state.Decide(ThrottleKey.For(null, "secret build log line"), Hour, T0);
        state.Decide(ThrottleKey.For("my-key", "x"), Hour, T0);
        state.Decide(ThrottleKey.For("my-key", "x"), Hour, T0.AddMinutes(3));

        var json = state.ToJson();
        var text = Encoding.UTF8.GetString(json);
        var again = ThrottleState.Parse(json, T0.AddMinutes(4));

        Assert.DoesNotContain("secret build log line", text);
        Assert.DoesNotContain("my-key", text);
        Assert.Equal(2, again.Count);
        Assert.Equal(1, again[ThrottleKey.For("my-key", "y")]!.Held);
        Assert.Equal(T0.AddMinutes(3), again[ThrottleKey.For("my-key", "y")]!.HeldSince);
    }

    [Fact]
    public void Old_entries_that_hold_nothing_back_are_dropped()
    {
        var state = ThrottleState.Empty();
        state.Decide(_key, Hour, T0);

        state.Decide(ThrottleKey.For(null, "other"), Hour, T0.AddDays(3));

        Assert.Null(state[_key]);
        Assert.Equal(1, state.Count);
    }

    [Fact]
    public void Held_back_counts_are_kept_for_a_month_after_their_window_then_dropped()
    {
        var state = ThrottleState.Empty();
        state.Decide(_key, Hour, T0);
        state.Decide(_key, Hour, T0.AddMinutes(1));

        state.Decide(ThrottleKey.For(null, "other"), Hour, T0 + Hour + TimeSpan.FromDays(29));
        Assert.Equal(1, state[_key]!.Held);

        state.Decide(ThrottleKey.For(null, "other"), Hour, T0 + Hour + TimeSpan.FromDays(31));
        Assert.Null(state[_key]);
    }

    [Fact]
    public void A_shard_stays_small_however_many_different_alerts_come()
    {
        var state = ThrottleState.Empty();
        for (var i = 0; i < ThrottleState.MaximumEntries + 500; i++)
        {
            state.Decide(ThrottleKey.For(null, "alert " + i), TimeSpan.FromMinutes(1), T0.AddSeconds(i));
        }

        var last = ThrottleKey.For(null, "alert " + (ThrottleState.MaximumEntries + 499));
        Assert.Equal(ThrottleState.MaximumEntries, state.Count);
        Assert.NotNull(state[last]);
        Assert.Null(state[ThrottleKey.For(null, "alert 0")]);
        Assert.Equal(0, state.DroppedEarly); // only alerts whose minute had passed were forgotten
        Assert.True(state.ToJson().Length < ThrottleShard.MaximumSize / 2);
    }

    [Fact]
    public void Past_its_bound_a_shard_forgets_ended_windows_first_then_the_oldest_and_counts_those_forgotten_early()
    {
        var state = ThrottleState.Empty();
        var ended = ThrottleKey.For(null, "a minute, long over");
        state.Decide(ended, TimeSpan.FromMinutes(1), T0);
        for (var i = 1; i < ThrottleState.MaximumEntries; i++)
        {
            state.Decide(ThrottleKey.For(null, "alert " + i), Hour, T0.AddSeconds(i));
        }

        state.Decide(ThrottleKey.For(null, "one more"), Hour, T0.AddMinutes(10));
        Assert.Null(state[ended]);
        Assert.Equal(0, state.DroppedEarly);

        state.Decide(ThrottleKey.For(null, "and another"), Hour, T0.AddMinutes(11));
        Assert.Null(state[ThrottleKey.For(null, "alert 1")]);
        Assert.NotNull(state[ThrottleKey.For(null, "alert 2")]);
        Assert.Equal(1, state.DroppedEarly);
        Assert.Equal(ThrottleState.MaximumEntries, state.Count);
    }

    [Fact]
    public void A_recorded_time_in_the_future_holds_back_for_at_most_one_window_from_now()
    {
        var state = ThrottleState.Empty();
        state.Decide(_key, Hour, T0.AddDays(300)); // recorded by a clock 300 days ahead
        state.Decide(ThrottleKey.For(null, "year-long window"), TimeSpan.FromDays(5000), T0);

        var read = ThrottleState.Parse(state.ToJson(), T0);

        Assert.Equal(T0, read[_key]!.SentAt);
        Assert.Equal(T0 + Hour, read[_key]!.WindowEndsAt);
        Assert.Equal(T0 + Throttler.LongestWindow, read[ThrottleKey.For(null, "year-long window")]!.WindowEndsAt);
        Assert.True(read.Decide(_key, Hour, T0.AddMinutes(59)).Suppressed);
        Assert.False(read.Decide(_key, Hour, T0 + Hour).Suppressed);
    }

    [Fact]
    public void A_decision_knows_when_it_was_made()
    {
        var state = ThrottleState.Empty();

        var decision = state.Decide(_key, Hour, T0);
        state.Release(_key, decision);

        Assert.Equal(T0, decision.DecidedAt);
        Assert.True(decision.Recorded);
        Assert.Null(state[_key]);
        Assert.False(ThrottleDecision.Unrecorded().Recorded);
    }
}
