using System;
using System.Diagnostics;
using System.IO;
using System.Management.Automation;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using KakaoPS.Tests.Infrastructure;
using KakaoPS.Api;
using KakaoPS.Models;
using KakaoPS.Tokens;

namespace KakaoPS.Tests.Cmdlets;

/// <summary>
/// Ctrl+C (PowerShell.Stop from another thread, as the console host does) ends a request, a
/// retry wait or a lock wait at once and leaves the token file as it was; only a refresh that may
/// bring a new refresh token waits a little for Kakao's answer, which would be lost otherwise.
/// </summary>
[Collection(CmdletCollection.Name)]
public sealed class CancellationTests : RecordedCmdletTest
{
    /// <summary>Far longer than any stop may take; a stop that waits it out fails the test.</summary>
    private static readonly TimeSpan Stuck = TimeSpan.FromSeconds(20);

    private static readonly TimeSpan AtOnce = TimeSpan.FromSeconds(3);

    public CancellationTests(CmdletEnvironment environment) : base(environment)
    {
    }

    private string SavedRefreshToken() => JsonDocument.Parse(File.ReadAllText(Folder.TokenPath)).RootElement.GetProperty("refresh_token").GetString()!;

    /// <summary>Starts the script, lets it reach its wait, stops it and returns how long the stop took.</summary>
    private TimeSpan StartThenStop(string script)
    {
        using var shell = Shell.Create(script);
        var running = shell.BeginInvoke();
        Thread.Sleep(1000);
        Assert.False(running.IsCompleted, "The command finished before it could be stopped.");

        var watch = Stopwatch.StartNew();
        shell.Stop();
        var stopped = watch.Elapsed;

        Assert.Equal(PSInvocationState.Stopped, shell.InvocationStateInfo.State);
        Assert.Throws<PipelineStoppedException>(() => shell.EndInvoke(running));
        return stopped;
    }

    [Fact]
    public async Task Stopping_a_send_that_waits_for_Kakao_returns_at_once_and_sends_nothing()
    {
        await TokenFiles.WriteAsync(Emulator, Folder.TokenPath);
        var before = File.ReadAllBytes(Folder.TokenPath);
        await Control.AddFaultAsync(new { path = KakaoApi.DefaultMemoPath, delayMs = (int)Stuck.TotalMilliseconds });

        var took = StartThenStop("Send-KakaoMemo -Text 'never' -TokenPath kakao_token.json");

        Assert.True(took < AtOnce, $"Stopping took {took.TotalSeconds:0.0} s");
        Assert.Empty(await Control.MessagesAsync());
        Assert.Equal(before, File.ReadAllBytes(Folder.TokenPath));
    }

    [Fact]
    public async Task Stopping_during_a_refresh_leaves_the_token_file_intact_and_unlocked()
    {
        await TokenFiles.WriteAsync(Emulator, Folder.TokenPath, accessExpired: true);
        var before = File.ReadAllBytes(Folder.TokenPath);
        await Control.AddFaultAsync(new { path = "/oauth/token", delayMs = (int)Stuck.TotalMilliseconds });

        var took = StartThenStop("Send-KakaoMemo -Text 'never' -TokenPath kakao_token.json");

        Assert.True(took < AtOnce, $"Stopping took {took.TotalSeconds:0.0} s");
        Assert.Equal(before, File.ReadAllBytes(Folder.TokenPath));
        Assert.Empty(Directory.GetFiles(Folder.Path, "*.tmp"));

        // The lock was released and the tokens still work: the next command refreshes and sends.
        var sent = Run("Send-KakaoMemo -Text 'after the stop' -TokenPath kakao_token.json").Succeeded().Single<KakaoMemoResult>();
        Assert.True(sent.Success);
        Assert.NotEqual(before, File.ReadAllBytes(Folder.TokenPath));
    }

    [Fact]
    public async Task Stopping_while_Kakao_answers_a_refresh_that_replaced_the_refresh_token_keeps_the_new_one()
    {
        // The refresh token's last month: Kakao replaces it on refresh, and the old one stops working.
        await TokenFiles.WriteAsync(Emulator, Folder.TokenPath, accessExpired: true, refreshExpiresIn: (int)TimeSpan.FromDays(10).TotalSeconds);
        var before = SavedRefreshToken();
        await Control.AddFaultAsync(new { path = "/oauth/token", answerDelayMs = 2500 });

        var took = StartThenStop("Send-KakaoMemo -Text 'never' -TokenPath kakao_token.json");

        Assert.True(took < AtOnce, $"Stopping took {took.TotalSeconds:0.0} s");
        Assert.Equal("KOE322", await Control.RefreshErrorAsync(Key, before));
        Assert.NotEqual(before, SavedRefreshToken());
        Assert.Empty(await Control.MessagesAsync());
        Assert.Empty(Directory.GetFiles(Folder.Path, "*.tmp"));

        var sent = Run("Send-KakaoMemo -Text 'after the stop' -TokenPath kakao_token.json").Succeeded().Single<KakaoMemoResult>();
        Assert.True(sent.Success);
    }

    [Fact]
    public async Task Stopping_a_refresh_that_may_replace_the_refresh_token_waits_for_Kakao_no_longer_than_the_grace()
    {
        await TokenFiles.WriteAsync(Emulator, Folder.TokenPath, accessExpired: true, refreshExpiresIn: (int)TimeSpan.FromDays(10).TotalSeconds);
        var before = File.ReadAllBytes(Folder.TokenPath);
        await Control.AddFaultAsync(new { path = "/oauth/token", delayMs = (int)Stuck.TotalMilliseconds });

        var took = StartThenStop("Send-KakaoMemo -Text 'never' -TokenPath kakao_token.json");

        Assert.True(took < TokenRequests.AnswerGrace + AtOnce, $"Stopping took {took.TotalSeconds:0.0} s");
        Assert.Equal(before, File.ReadAllBytes(Folder.TokenPath));
        Assert.Empty(Directory.GetFiles(Folder.Path, "*.tmp"));
    }

    [Fact]
    public async Task Stopping_a_CI_login_after_Kakao_replaced_its_refresh_token_keeps_the_new_one_for_the_same_command()
    {
        var given = (await Control.IssueTokensAsync(refreshExpiresIn: (int)TimeSpan.FromDays(10).TotalSeconds)).GetProperty("refresh_token").GetString()!;
        // Kakao answers the refresh (and replaces the token); the command is stopped while it asks whose tokens they are.
        await Control.AddFaultAsync(new { path = "/v1/user/access_token_info", delayMs = (int)Stuck.TotalMilliseconds });
        Shell.Run("$global:given = $args[0]", given).Succeeded();

        var took = StartThenStop($"Connect-Kakao -RefreshToken $global:given -RestApiKey '{Key}'");

        Assert.True(took < AtOnce, $"Stopping took {took.TotalSeconds:0.0} s");
        Assert.Equal("KOE322", await Control.RefreshErrorAsync(Key, given));

        // The same command line again: the token Kakao replaced is not asked for again.
        var context = Run($"Connect-Kakao -RefreshToken $global:given -RestApiKey '{Key}'").Succeeded().Single<KakaoContext>();
        Assert.Equal(Key, context.ClientId);
        Assert.True(File.Exists(Folder.TokenPath));
    }

    [Fact]
    public async Task Stopping_during_a_retry_wait_returns_at_once()
    {
        await TokenFiles.WriteAsync(Emulator, Folder.TokenPath);
        await Control.AddFaultAsync(new { path = KakaoApi.DefaultMemoPath, status = 503, retryAfter = ((int)Stuck.TotalSeconds).ToString() });

        var took = StartThenStop("Send-KakaoMemo -Text 'never' -TokenPath kakao_token.json");

        Assert.True(took < AtOnce, $"Stopping took {took.TotalSeconds:0.0} s");
        Assert.Empty(await Control.MessagesAsync());
    }

    [Fact]
    public async Task Stopping_while_another_process_holds_the_lock_returns_at_once()
    {
        await TokenFiles.WriteAsync(Emulator, Folder.TokenPath, accessExpired: true);
        var before = File.ReadAllBytes(Folder.TokenPath);
        using (new FileStream(Folder.TokenPath + ".lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None))
        {
            var took = StartThenStop("Send-KakaoMemo -Text 'never' -TokenPath kakao_token.json");

            Assert.True(took < AtOnce, $"Stopping took {took.TotalSeconds:0.0} s");
        }

        Assert.Equal(before, File.ReadAllBytes(Folder.TokenPath));
    }
}
