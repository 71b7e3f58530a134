using System;
using System.Globalization;

namespace KakaoPS.Resources
{
    /// <summary>
    /// A moment as messages show it: the user's local time, to the minute, as the times in the output
    /// objects are. Token files keep UTC; a person reading a message beside a clock wants local time.
    /// </summary>
    internal static class ShownTime
    {
        public static string Of(DateTimeOffset time) => time.ToLocalTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

        public static string? Of(DateTimeOffset? time) => time is DateTimeOffset value ? Of(value) : null;
    }
}
