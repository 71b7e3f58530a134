using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using KakaoPS.Models;

namespace KakaoPS.Tests.Cmdlets;

/// <summary>The lesson's whole flow, through the cmdlets, against the emulator.</summary>
[Collection(CmdletCollection.Name)]
public sealed class LessonFlowTests : CmdletTest
{
    public LessonFlowTests(CmdletEnvironment environment) : base(environment)
    {
    }

    [Fact]
    public async Task Authorize_connect_send_and_check_consent()
    {
        var url = Shell.Run("Get-KakaoAuthUrl -RestApiKey $args[0] -Scope talk_message", Key).Succeeded().Single<KakaoAuthUrl>();
        Assert.StartsWith(Emulator.BaseUrl + "/oauth/authorize?", url.Url);

        var redirect = await Control.AuthorizeAsync(url.ToString());
        var code = redirect["code"]!;

        var context = Shell.Run("Connect-Kakao -Code $args[0] -RestApiKey $args[1] -TokenPath kakao_token.json", code, Key).Succeeded().Single<KakaoContext>();
        Assert.Equal(Key, context.ClientId);
        Assert.Contains("talk_message", context.Scopes);
        Assert.Equal(Folder.TokenPath, context.TokenPath);
        Assert.True(File.Exists(Folder.TokenPath));
        Assert.NotNull(context.UserId);

        var sent = Shell.Run("Send-KakaoMemo -Text '우리는 서강대 멋사 10기야~' -TokenPath kakao_token.json").Succeeded().Single<KakaoMemoResult>();
        Assert.True(sent.Success);
        Assert.Equal(0, sent.ResultCode);
        Assert.Equal("우리는 서강대 멋사 10기야~", sent.Text);
        Assert.Equal(new[] { "우리는 서강대 멋사 10기야~" }, await Control.MemoTextsAsync());

        var scopes = Shell.Run("Get-KakaoScope -TokenPath kakao_token.json").Succeeded().All<KakaoScope>().ToList();
        Assert.Contains(scopes, s => s.Id == "talk_message" && s.Agreed && s.Type == "SERVICE");
    }

    [Fact]
    public async Task The_token_file_serves_plain_JSON_readers_like_the_lessons_send_script()
    {
        await ConnectAsync();

        using var tokens = JsonDocument.Parse(File.ReadAllText(Folder.TokenPath));
        var accessToken = tokens.RootElement.GetProperty("access_token").GetString();
        var issued = (await Control.TokensAsync()).GetProperty("issued").EnumerateArray().Select(t => t.GetString());

        Assert.Contains(accessToken, issued);
        Assert.Equal("bearer", tokens.RootElement.GetProperty("token_type").GetString());
        Assert.True(tokens.RootElement.GetProperty("expires_in").GetInt32() > 0);
        Assert.False(string.IsNullOrEmpty(tokens.RootElement.GetProperty("refresh_token").GetString()));
    }

    [Fact]
    public async Task A_token_file_written_by_the_lesson_is_read_and_its_tokens_kept_for_Kakao()
    {
        // The lesson's file names no host: its tokens are Kakao's, so they are never sent to the emulator.
        var issued = await Control.IssueTokensAsync();
        File.WriteAllText(Folder.TokenPath, issued.GetRawText());

        var error = Shell.Run("Send-KakaoMemo -Text 'from the lesson file' -TokenPath kakao_token.json").SingleError();

        Assert.StartsWith("TokenEndpointMismatch,", error.FullyQualifiedErrorId);
        Assert.Contains("https://kapi.kakao.com", error.ToString());
        Assert.Empty(await Control.RequestsAsync());
    }
}
