using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using KakaoPS.Emulator;
using KakaoPS.Tests.Infrastructure;
using KakaoPS.Models;

namespace KakaoPS.Tests.Cmdlets;

/// <summary>The token cache as commands see it: reloads, unusable files, tokens kept to their hosts.</summary>
[Collection(CmdletCollection.Name)]
public sealed class TokenCacheTests : RecordedCmdletTest
{
    private const string Send = "Send-KakaoMemo -Text $args[0] -TokenPath kakao_token.json";

    public TokenCacheTests(CmdletEnvironment environment) : base(environment)
    {
    }

    [Fact]
    public async Task Tokens_another_process_wrote_are_used_even_when_the_write_time_did_not_change()
    {
        await TokenFiles.WriteAsync(Emulator, Folder.TokenPath);
        var writtenAt = File.GetLastWriteTimeUtc(Folder.TokenPath);
        Run(Send, "first").Succeeded();

        await TokenFiles.WriteAsync(Emulator, Folder.TokenPath, userId: 777);
        File.SetLastWriteTimeUtc(Folder.TokenPath, writtenAt);
        Run(Send, "second").Succeeded();

        var senders = (await Control.MessagesAsync()).Select(m => m.GetProperty("userId").GetInt64());
        Assert.Equal(new[] { EmulatorDefaults.UserId, 777 }, senders);
    }

    [Theory]
    [InlineData("{\"access_token\":\"trunc")]
    [InlineData("{\"error\":\"invalid_grant\",\"error_description\":\"authorization code not found for code=abc\",\"error_code\":\"KOE320\"}")]
    public void An_unusable_token_file_is_reported_by_name_and_left_for_Connect_Kakao_to_replace(string content)
    {
        File.WriteAllText(Folder.TokenPath, content);

        var error = Run(Send, "x").SingleError();

        Assert.StartsWith("TokenFileInvalid,", error.FullyQualifiedErrorId);
        Assert.Contains(Folder.TokenPath, error.ToString());
        Assert.Equal(content, File.ReadAllText(Folder.TokenPath));
        Assert.Equal(new[] { "kakao_token.json" }, Directory.GetFileSystemEntries(Folder.Path).Select(Path.GetFileName));
        Assert.Contains("Connect-Kakao", error.ErrorDetails.RecommendedAction);
    }

    [Fact]
    public async Task Tokens_are_not_sent_to_a_host_other_than_the_one_that_issued_them()
    {
        await TokenFiles.WriteAsync(Emulator, Folder.TokenPath);
        var before = File.ReadAllBytes(Folder.TokenPath);
        Environment.SetEnvironmentVariable("KAKAOPS_API_URL", "http://127.0.0.1:9");
        try
        {
            var error = Run(Send, "x").SingleError();

            Assert.StartsWith("TokenEndpointMismatch,", error.FullyQualifiedErrorId);
            Assert.Contains("Connect-Kakao", error.ErrorDetails.RecommendedAction);
        }
        finally
        {
            Environment.SetEnvironmentVariable("KAKAOPS_API_URL", Emulator.BaseUrl);
        }

        Assert.Equal(before, File.ReadAllBytes(Folder.TokenPath));
    }

    [Fact]
    public async Task A_refresh_keeps_the_file_private_and_leaves_no_temp_files()
    {
        await TokenFiles.WriteAsync(Emulator, Folder.TokenPath, accessExpired: true, refreshExpiresIn: 7 * 24 * 3600);
        var before = File.ReadAllText(Folder.TokenPath);

        var sent = Run(Send, "after a refresh").Succeeded().Single<KakaoMemoResult>();

        Assert.True(sent.Success);
        Assert.NotEqual(before, File.ReadAllText(Folder.TokenPath));
        Assert.Empty(Directory.GetFiles(Folder.Path, "*.tmp"));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Folder.TokenPath));
        }
    }
}
