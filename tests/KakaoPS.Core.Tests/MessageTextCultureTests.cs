using System.Globalization;
using System.Linq;
using KakaoPS.Memo;
using KakaoPS.Models;

namespace KakaoPS.Core.Tests;

/// <summary>
/// What KakaoPS writes into a message reaches the phone: under a Korean UI culture the marker for
/// left-out lines is Korean, like the throttle note beside it.
/// </summary>
public sealed class MessageTextCultureTests
{
    [Theory]
    [InlineData("en-US", "… (+{0} lines)")]
    [InlineData("ko-KR", "… ({0}줄 생략)")]
    public void The_left_out_lines_marker_speaks_the_UI_culture_language(string culture, string marker)
    {
        var saved = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
            var builder = new MemoTextBuilder(null, MemoOverflow.Tail, keepEnd: true);
            foreach (var line in Enumerable.Range(1, 300))
            {
                builder.Add(line.ToString(CultureInfo.InvariantCulture));
            }

            var part = Assert.Single(builder.Build());

            Assert.Equal(string.Format(CultureInfo.InvariantCulture, marker, part.OmittedLines), part.Text.Split('\n')[0]);
        }
        finally
        {
            CultureInfo.CurrentUICulture = saved;
        }
    }
}
