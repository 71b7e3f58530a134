using System.Linq;
using KakaoPS.Completion;

namespace KakaoPS.Core.Tests;

public sealed class KakaoCompletionsTests
{
    [Theory]
    [InlineData("talk", "talk_message,talk_calendar")]
    [InlineData("'PROFILE_", "profile_nickname,profile_image")]
    [InlineData("닉네임", "profile_nickname")]
    [InlineData("nothing-like-it", "")]
    public void A_typed_word_picks_consent_ids_by_prefix_then_by_console_name(string word, string expected)
    {
        var values = KakaoCompletions.Match(KakaoCompletions.ConsentItems, word).Select(i => i.Value);

        Assert.Equal(expected, string.Join(",", values));
    }
}
