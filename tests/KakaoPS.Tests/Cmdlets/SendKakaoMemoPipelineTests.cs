using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Text.Json;
using System.Threading.Tasks;
using KakaoPS.Models;

namespace KakaoPS.Tests.Cmdlets;

/// <summary>Piped input, the 200-character rule's modes, buttons and the default link, as Kakao's side records them.</summary>
[Collection(CmdletCollection.Name)]
public sealed class SendKakaoMemoPipelineTests : CmdletTest
{
    public SendKakaoMemoPipelineTests(CmdletEnvironment environment) : base(environment)
    {
    }

    [Fact]
    public async Task Split_sends_numbered_messages_that_lose_nothing_and_shows_progress()
    {
        await ConnectAsync();

        var result = Shell.Run("1..150 | Send-KakaoMemo -Overflow Split -Title '테스트 로그' -TokenPath kakao_token.json").Succeeded();

        var sent = result.All<KakaoMemoResult>().ToList();
        var texts = await Control.MemoTextsAsync();
        Assert.True(texts.Count > 1);
        Assert.Equal(sent.Select(s => s.Text), texts);
        Assert.All(texts, t => Assert.True(t.Length <= 200, t));
        Assert.All(sent, s => Assert.StartsWith($"테스트 로그 ({s.Part}/{texts.Count})\n", s.Text));
        Assert.Equal(Enumerable.Range(1, 150), texts.SelectMany(t => t.Split('\n').Skip(1)).Select(int.Parse));
        Assert.All(sent, s => Assert.False(s.Truncated));
        Assert.Contains(result.Progress, p => p.StatusDescription == $"Sending part {texts.Count} of {texts.Count}");
        Assert.Equal(ProgressRecordType.Completed, result.Progress.Last().RecordType);
    }

    [Fact]
    public async Task Split_stops_at_MaxMessages_and_says_what_was_left_out()
    {
        await ConnectAsync();

        var result = Shell.Run("1..2000 | Send-KakaoMemo -Overflow Split -MaxMessages 2 -TokenPath kakao_token.json").Succeeded();

        var sent = result.All<KakaoMemoResult>().ToList();
        Assert.Equal(2, (await Control.MessagesAsync()).Count);
        Assert.All(sent, s => Assert.True(s.Truncated && s.OmittedCharacters > 0 && s.Parts == 2));
        Assert.Contains("left out", Assert.Single(result.Warnings));
    }

    [Fact]
    public async Task Head_keeps_the_first_lines_and_marks_the_rest()
    {
        await ConnectAsync();

        var sent = Shell.Run("1..1000 | Send-KakaoMemo -Overflow Head -WarningAction SilentlyContinue -TokenPath kakao_token.json").Succeeded().Single<KakaoMemoResult>();

        var text = Assert.Single(await Control.MemoTextsAsync());
        Assert.True(text.Length <= 200);
        Assert.StartsWith("1\n2\n3\n", text);
        Assert.EndsWith($"\n… (+{sent.OmittedLines} lines)", text);
        Assert.Equal(1000, text.Split('\n').Length - 1 + sent.OmittedLines);
    }

    [Theory]
    [InlineData("1..1000 | Send-KakaoMemo -Overflow Error")]
    [InlineData("Send-KakaoMemo -Text ('가' * 201) -Overflow Error")]
    public async Task Error_refuses_long_text_and_sends_nothing(string script)
    {
        await ConnectAsync();

        var error = Shell.Run(script + " -TokenPath kakao_token.json").SingleError();

        Assert.StartsWith("MemoTooLong,", error.FullyQualifiedErrorId);
        Assert.Contains("-Overflow", error.ErrorDetails.RecommendedAction);
        Assert.Empty(await Control.MessagesAsync());
    }

    [Theory]
    [InlineData("Tail")]
    [InlineData("Head")]
    [InlineData("Split")]
    public async Task Emoji_and_Hangul_at_the_cut_point_stay_whole(string overflow)
    {
        await ConnectAsync();

        // 한 as three combining jamo, a thumb with a skin tone, a family joined by ZWJ: each one text element.
        const string unit = "😀한\u1112\u1161\u11AB👍🏽👨‍👩‍👧";
        for (var offset = 0; offset < 4; offset++)
        {
            var line = new string('x', offset) + string.Concat(Enumerable.Repeat(unit, 40));
            Shell.Run($"$args[0] | Send-KakaoMemo -Overflow {overflow} -WarningAction SilentlyContinue -TokenPath kakao_token.json", line).Succeeded();
        }

        var texts = await Control.MemoTextsAsync();
        Assert.True(texts.Count >= 4);
        foreach (var text in texts)
        {
            Assert.True(text.Length <= 200);
            Assert.DoesNotContain(text.Select((c, i) => (c, i)), p =>
                (char.IsHighSurrogate(p.c) && (p.i + 1 == text.Length || !char.IsLowSurrogate(text[p.i + 1]))) ||
                (char.IsLowSurrogate(p.c) && (p.i == 0 || !char.IsHighSurrogate(text[p.i - 1]))));
            var body = System.Text.RegularExpressions.Regex.Replace(text, @"^\(\d+/\d+\)\n", string.Empty).Replace("…", string.Empty).Replace("x", string.Empty);
            var rest = body.Replace("😀", "").Replace("한", "").Replace("\u1112\u1161\u11AB", "").Replace("👍🏽", "").Replace("👨‍👩‍👧", "");
            Assert.True(rest.Length == 0, $"{overflow}: a text element was cut in '{body}'");
        }
    }

    [Fact]
    public async Task Each_sends_one_message_per_object_and_shows_progress()
    {
        await ConnectAsync();

        var result = Shell.Run("'one', 'two', 'three' | Send-KakaoMemo -Each -TokenPath kakao_token.json").Succeeded();

        Assert.Equal(new[] { "one", "two", "three" }, await Control.MemoTextsAsync());
        Assert.Equal(new[] { "Sending message 2", "Sending message 3", "Done" }, result.Progress.Select(p => p.StatusDescription));
    }

    [Fact]
    public async Task Each_with_Text_sends_the_text_as_one_more_message()
    {
        await ConnectAsync();

        Shell.Run("""
            Send-KakaoMemo 'alone' -Each -TokenPath kakao_token.json
            'one', 'two' | Send-KakaoMemo 'last' -Each -TokenPath kakao_token.json
            """).Succeeded();

        Assert.Equal(new[] { "alone", "one", "two", "last" }, await Control.MemoTextsAsync());
    }

    [Fact]
    public async Task Warnings_and_information_from_other_streams_become_readable_lines()
    {
        await ConnectAsync();

        Shell.Run("& { 'step 1'; Write-Warning 'disk almost full'; Write-Information 'deployed to staging'; Write-Verbose 'details' -Verbose } *>&1 | Send-KakaoMemo -TokenPath kakao_token.json").Succeeded();

        Assert.Equal("step 1\nWARNING: disk almost full\ndeployed to staging\ndetails", Assert.Single(await Control.MemoTextsAsync()));
    }

    [Fact]
    public async Task Text_and_templates_piped_together_are_sent_as_text_and_as_templates()
    {
        await ConnectAsync();

        var results = Shell.Run("'build log', (New-KakaoFeedTemplate 'card'), 'done' | Send-KakaoMemo -TokenPath kakao_token.json")
            .Succeeded().All<KakaoMemoResult>().ToList();

        Assert.Equal(new[] { "feed", "text" }, results.Select(r => r.TemplateType));
        Assert.Equal("build log\ndone", results[1].Text);
    }

    [Fact]
    public async Task Two_buttons_go_under_a_text_message_and_a_button_without_a_link_opens_the_message_link()
    {
        await ConnectAsync();

        Shell.Run("""
            Send-KakaoMemo '배포 완료' -WebUrl https://example.com/deploy/7 -TokenPath kakao_token.json `
                -Button @{ Title = '로그'; WebUrl = 'https://example.com/deploy/7/log'; MobileWebUrl = 'https://m.example.com/log' }, @{ Title = '열기' }
            """).Succeeded();

        Assert.Equal(
            """{"object_type":"text","text":"배포 완료","link":{"web_url":"https://example.com/deploy/7","mobile_web_url":"https://example.com/deploy/7"},"buttons":[{"title":"로그","link":{"web_url":"https://example.com/deploy/7/log","mobile_web_url":"https://m.example.com/log"}},{"title":"열기","link":{"web_url":"https://example.com/deploy/7","mobile_web_url":"https://example.com/deploy/7"}}]}""",
            Assert.Single(await Control.TemplateObjectsAsync()));
    }

    [Fact]
    public async Task Button_and_ButtonTitle_together_are_refused_before_sending()
    {
        await ConnectAsync();

        var error = Shell.Run("Send-KakaoMemo hi -ButtonTitle '보기' -Button @{ Title = '열기' } -TokenPath kakao_token.json").SingleError();

        Assert.StartsWith("ButtonConflict,", error.FullyQualifiedErrorId);
        Assert.Empty(await Control.MessagesAsync());
    }

    [Fact]
    public async Task The_default_link_comes_from_KAKAOPS_DEFAULT_WEB_URL_in_dot_env_when_none_is_given()
    {
        await ConnectAsync();
        File.WriteAllText(Path.Combine(Folder.Path, ".env"), "KAKAOPS_DEFAULT_WEB_URL=https://ci.example.com/runs\n");

        Shell.Run("""
            Send-KakaoMemo 'no link given' -TokenPath kakao_token.json
            Send-KakaoMemo 'link given' -WebUrl https://example.com/given -TokenPath kakao_token.json
            New-KakaoFeedTemplate 'card' | Send-KakaoMemo -TokenPath kakao_token.json
            """).Succeeded();

        var links = (await Control.TemplateObjectsAsync()).Select(t => JsonDocument.Parse(t).RootElement).ToList();
        Assert.Equal("https://ci.example.com/runs", links[0].GetProperty("link").GetProperty("web_url").GetString());
        Assert.Equal("https://example.com/given", links[1].GetProperty("link").GetProperty("web_url").GetString());
        Assert.Equal("https://ci.example.com/runs", links[2].GetProperty("content").GetProperty("link").GetProperty("web_url").GetString());
    }

    [Fact]
    public async Task A_broken_KAKAOPS_DEFAULT_WEB_URL_is_named_in_the_error()
    {
        await ConnectAsync();
        File.WriteAllText(Path.Combine(Folder.Path, ".env"), "KAKAOPS_DEFAULT_WEB_URL=ci.example.com\n");

        var error = Shell.Run("Send-KakaoMemo 'x' -TokenPath kakao_token.json").SingleError();

        Assert.StartsWith("InvalidUrl,", error.FullyQualifiedErrorId);
        Assert.Contains("KAKAOPS_DEFAULT_WEB_URL 'ci.example.com'", error.ToString());
        Assert.Empty(await Control.MessagesAsync());
    }
}
