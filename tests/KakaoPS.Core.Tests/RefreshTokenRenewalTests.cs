using System;
using KakaoPS.Tokens;

namespace KakaoPS.Core.Tests;

public sealed class RefreshTokenRenewalTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(59, null, false)]   // fresh login: Kakao would not rotate yet
    [InlineData(31, null, false)]
    [InlineData(29, null, true)]    // inside the last month
    [InlineData(1, null, true)]
    [InlineData(29, 2, false)]      // tried two hours ago: at most once a day
    [InlineData(29, 24, true)]
    [InlineData(-1, null, false)]   // already expired: only a new login helps
    public void Renews_inside_the_last_month_at_most_once_a_day(int daysLeft, int? hoursSinceAttempt, bool due)
    {
        var lastAttempt = hoursSinceAttempt is int hours ? Now.AddHours(-hours) : (DateTimeOffset?)null;

        Assert.Equal(due, RefreshTokenRenewal.IsDue(Now.AddDays(daysLeft), lastAttempt, Now));
    }

    [Fact]
    public void An_unknown_expiry_is_left_alone()
    {
        Assert.False(RefreshTokenRenewal.IsDue(null, null, Now));
    }

    [Theory]
    [InlineData(59.0, false)]   // Kakao answers a refresh with no new refresh token
    [InlineData(31.0, false)]
    [InlineData(30.9, true)]    // "less than one month": the longest month is 31 days
    [InlineData(1.0, true)]
    [InlineData(-1.0, true)]
    public void Kakao_may_replace_a_refresh_token_with_less_than_the_longest_month_left(double daysLeft, bool mayReplace)
    {
        Assert.Equal(mayReplace, RefreshTokenRenewal.KakaoMayReplace(Now.AddDays(daysLeft), Now));
    }

    [Fact]
    public void A_refresh_token_of_unknown_expiry_may_be_replaced()
    {
        Assert.True(RefreshTokenRenewal.KakaoMayReplace(null, Now));
    }
}
