using System;

namespace KakaoPS.Tokens
{
    /// <summary>
    /// Kakao issues a new refresh token only to a refresh made in the old one's last month. A login
    /// used now and then would still die at its two-month mark if it refreshed only when the access
    /// token runs out, so inside that month it refreshes at its next use, at most once a day.
    /// </summary>
    internal static class RefreshTokenRenewal
    {
        /// <summary>
        /// Kakao says "less than one month left"; 30 days is inside it for every month, and a
        /// refresh that comes too early only returns no new refresh token and is tried a day later.
        /// </summary>
        public static readonly TimeSpan RotationWindow = TimeSpan.FromDays(30);

        public static readonly TimeSpan MinimumInterval = TimeSpan.FromDays(1);

        /// <summary>The longest "one month" can mean: Kakao may replace a refresh token with less left.</summary>
        public static readonly TimeSpan LongestMonth = TimeSpan.FromDays(31);

        /// <summary>
        /// True when a refresh may bring a new refresh token, and so end the one sent. An unknown expiry
        /// (a refresh token given by hand, the lesson's file) may be in its last month.
        /// </summary>
        public static bool KakaoMayReplace(DateTimeOffset? refreshTokenExpiresAt, DateTimeOffset now) =>
            refreshTokenExpiresAt is not DateTimeOffset expiresAt || expiresAt - now < LongestMonth;

        /// <summary>
        /// True when the refresh token should be renewed now. A login whose refresh token expiry is
        /// unknown (Kakao tells it only when it issues one) is left alone.
        /// </summary>
        public static bool IsDue(DateTimeOffset? refreshTokenExpiresAt, DateTimeOffset? lastRenewalAttempt, DateTimeOffset now) =>
            refreshTokenExpiresAt is DateTimeOffset expiresAt
            && expiresAt > now
            && expiresAt - now < RotationWindow
            && (lastRenewalAttempt == null || now - lastRenewalAttempt.Value >= MinimumInterval);
    }
}
