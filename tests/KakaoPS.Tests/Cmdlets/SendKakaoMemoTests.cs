using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using KakaoPS.Models;

namespace KakaoPS.Tests.Cmdlets;

[Collection(CmdletCollection.Name)]
public sealed class SendKakaoMemoTests : CmdletTest
{
    public SendKakaoMemoTests(CmdletEnvironment environment) : base(environment)
    {
    }

    [Fact]
    public async Task Hangul_and_emoji_arrive_byte_exact()
    {
        await ConnectAsync();
        const string text = "빌드 성공 ✅ 🎉 한글 👍🏽 家族 👨‍👩‍👧";

        Shell.Run("Send-KakaoMemo -Text $args[0] -TokenPath kakao_token.json", text).Succeeded();

        var template = Assert.Single(await Control.TemplateObjectsAsync());
        Assert.Contains(text, template);
        Assert.Equal(text, JsonDocument.Parse(template).RootElement.GetProperty("text").GetString());
    }

    [Fact]
    public async Task The_request_line_is_on_the_verbose_stream_when_verbose_is_asked_for_in_any_way()
    {
        await ConnectAsync();

        var quiet = Shell.Run("Send-KakaoMemo -Text a -TokenPath kakao_token.json").Succeeded();
        var switched = Shell.Run("Send-KakaoMemo -Text b -TokenPath kakao_token.json -Verbose").Succeeded();
        var preferred = Shell.Run("$VerbosePreference = 'Continue'; Send-KakaoMemo -Text c -TokenPath kakao_token.json").Succeeded();
        var inherited = Shell.Run("function Notify { [CmdletBinding()] param() Send-KakaoMemo -Text d -TokenPath kakao_token.json }; Notify -Verbose").Succeeded();
        var switchedOff = Shell.Run("$VerbosePreference = 'Continue'; Send-KakaoMemo -Text e -TokenPath kakao_token.json -Verbose:$false").Succeeded();

        Assert.DoesNotContain(quiet.Verbose, line => line.Contains("/v2/api/talk/memo/default/send"));
        Assert.Contains(switched.Verbose, line => line.Contains("/v2/api/talk/memo/default/send -> 200"));
        Assert.Contains(preferred.Verbose, line => line.Contains("/v2/api/talk/memo/default/send -> 200"));
        Assert.Contains(inherited.Verbose, line => line.Contains("/v2/api/talk/memo/default/send -> 200"));
        Assert.DoesNotContain(switchedOff.Verbose, line => line.Contains("/v2/api/talk/memo/default/send"));
    }

    [Fact]
    public async Task A_link_is_sent_by_default_and_the_given_one_otherwise()
    {
        await ConnectAsync();

        Shell.Run("Send-KakaoMemo -Text a -TokenPath kakao_token.json").Succeeded();
        Shell.Run("Send-KakaoMemo -Text b -WebUrl https://ci.example.com/42 -ButtonTitle '로그 보기' -TokenPath kakao_token.json").Succeeded();

        var templates = (await Control.TemplateObjectsAsync()).Select(t => JsonDocument.Parse(t).RootElement).ToList();
        Assert.Equal("https://developers.kakao.com", templates[0].GetProperty("link").GetProperty("web_url").GetString());
        Assert.Equal("https://ci.example.com/42", templates[1].GetProperty("link").GetProperty("web_url").GetString());
        Assert.Equal("로그 보기", templates[1].GetProperty("button_title").GetString());
    }

    [Fact]
    public async Task A_withdrawn_talk_message_consent_gives_402_with_the_command_that_fixes_it()
    {
        await ConnectAsync();
        await Control.SetConsentAsync("talk_message", agreed: false);

        var result = Shell.Run("Send-KakaoMemo -Text hello -TokenPath kakao_token.json");

        var error = result.SingleError();
        Assert.StartsWith("Kakao-402,", error.FullyQualifiedErrorId);
        Assert.Contains("-402", error.ToString());
        Assert.Contains("Get-KakaoAuthUrl -Scope talk_message", error.ErrorDetails.RecommendedAction);
        Assert.Equal(System.Management.Automation.ErrorCategory.PermissionDenied, error.CategoryInfo.Category);
        Assert.Empty(await Control.MessagesAsync());
    }

    [Fact]
    public async Task An_unknown_access_token_gives_401_with_its_code()
    {
        var issued = await Control.IssueTokensAsync();
        var fake = JsonDocument.Parse(issued.GetRawText()).RootElement.EnumerateObject()
            .Where(p => p.Name != "refresh_token")
            .ToDictionary(p => p.Name, p => p.Name == "access_token" ? (object)"not-a-token-the-emulator-issued" : p.Value);
        fake["auth_url"] = fake["api_url"] = Emulator.BaseUrl;
        File.WriteAllText(Folder.TokenPath, JsonSerializer.Serialize(fake));

        var error = Shell.Run("Send-KakaoMemo -Text hello -TokenPath kakao_token.json").SingleError();

        Assert.StartsWith("Kakao-401,", error.FullyQualifiedErrorId);
        Assert.Contains("-401", error.ToString());
        Assert.Contains("Connect-Kakao", error.ErrorDetails.RecommendedAction);
        Assert.DoesNotContain("not-a-token-the-emulator-issued", error.ToString());
    }

    [Fact]
    public void Not_connected_is_a_terminating_error_that_says_what_to_do()
    {
        var result = Shell.Run("Send-KakaoMemo -Text hello -TokenPath kakao_token.json; 'after'");

        var error = result.SingleError();
        Assert.StartsWith("NotConnected,", error.FullyQualifiedErrorId);
        Assert.StartsWith("Check the -TokenPath value", error.ErrorDetails.RecommendedAction);
    }

    [Fact]
    public async Task WhatIf_shows_the_template_and_sends_nothing_without_a_login()
    {
        var result = Shell.Run("Send-KakaoMemo -Text '미리보기' -WhatIf -TokenPath kakao_token.json").Succeeded();

        Assert.Empty(result.Output);
        Assert.Empty(await Control.MessagesAsync());
    }

    [Fact]
    public async Task Piped_build_output_becomes_one_message_that_keeps_the_tail()
    {
        await ConnectAsync();

        var result = Shell.Run("1..1000 | Send-KakaoMemo -Title 'nightly build' -TokenPath kakao_token.json").Succeeded();

        var sent = result.Single<KakaoMemoResult>();
        Assert.True(sent.Truncated);
        Assert.Single(result.Warnings);
        var text = Assert.Single(await Control.MemoTextsAsync());
        Assert.True(text.Length <= 200);
        Assert.StartsWith("nightly build\n… (+", text);
        Assert.EndsWith("\n999\n1000", text);
        Assert.Equal(sent.Text, text);
    }

    [Fact]
    public async Task Error_records_and_objects_from_the_pipeline_become_readable_text()
    {
        await ConnectAsync();

        Shell.Run("& { 'compiling'; Write-Error 'CS1002: ; expected' 2>&1; [pscustomobject]@{ Name = 'warnings'; Count = 3 } } 2>&1 | Send-KakaoMemo -Overflow Error -TokenPath kakao_token.json").Succeeded();

        var text = Assert.Single(await Control.MemoTextsAsync());
        Assert.StartsWith("compiling\nCS1002: ; expected\n", text);
        Assert.Contains("warnings", text);
        Assert.Contains("3", text);
        Assert.DoesNotContain("System.Management.Automation", text);
    }

    [Fact]
    public async Task Each_sends_one_message_per_object()
    {
        await ConnectAsync();

        var results = Shell.Run("'one', 'two', 'three' | Send-KakaoMemo -Each -TokenPath kakao_token.json").Succeeded().All<KakaoMemoResult>().ToList();

        Assert.Equal(3, results.Count);
        Assert.Equal(new[] { "one", "two", "three" }, await Control.MemoTextsAsync());
    }

    [Fact]
    public async Task Invalid_links_are_refused_before_anything_is_sent()
    {
        await ConnectAsync();

        var error = Shell.Run("Send-KakaoMemo -Text x -WebUrl 'not a url' -TokenPath kakao_token.json").SingleError();

        Assert.StartsWith("InvalidUrl,", error.FullyQualifiedErrorId);
        Assert.Empty(await Control.MessagesAsync());
    }
}
