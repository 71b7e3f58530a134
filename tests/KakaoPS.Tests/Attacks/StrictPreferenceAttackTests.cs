using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using KakaoPS.Tests.Infrastructure;

namespace KakaoPS.Tests.Attacks;

/// <summary>
/// Strict preferences in a real non-interactive `dotnet pwsh`, as CI runs it: $WarningPreference = 'Stop',
/// $VerbosePreference = 'Stop' and -Debug. A warning, or a verbose message that may stop the command, known
/// before a request is written before it is sent, so it can stop the command while nothing has happened at Kakao; once a request is out, a stream write that throws cannot cancel a
/// refresh token's hand-off or turn a delivered memo into a failure.
/// </summary>
public sealed class StrictPreferenceAttackTests : IClassFixture<EmulatorFixture>, IDisposable
{
    private readonly EmulatorFixture _emulator;
    private readonly TempFolder _folder = new();

    public StrictPreferenceAttackTests(EmulatorFixture emulator)
    {
        _emulator = emulator;
    }

    public void Dispose() => _folder.Dispose();

    private Dictionary<string, string?> Environment => _emulator.ProcessEnvironment(_folder.TokenPath);

    private async Task<int> RefreshGrantsAsync() => (await _emulator.Control.TokensAsync()).GetProperty("refreshGrants").GetInt32();

    [Theory]
    [InlineData("-Debug")]
    [InlineData("-Debug -Verbose")]
    public async Task Send_KakaoMemo_with_Debug_in_a_non_interactive_host_reports_a_delivered_memo_as_delivered(string switches)
    {
        // The access token has expired: the send refreshes first, and the refresh token rotates.
        await TokenFiles.WriteAsync(_emulator, _folder.TokenPath, accessExpired: true, refreshExpiresIn: 7 * 24 * 3600);
        var before = (await _emulator.Control.MemoTextsAsync()).Count;

        var run = await PwshProcess.RunAsync($"$r = Send-KakaoMemo -Text 'strict {switches}' {switches}; 'success=' + $r.Success", Environment);

        Assert.True(run.ExitCode == 0, $"exit code {run.ExitCode}: {run.Error}");
        Assert.Contains("success=True", run.Output);
        Assert.Equal(before + 1, (await _emulator.Control.MemoTextsAsync()).Count);
        var saved = new KakaoPS.Tokens.TokenStore(_folder.TokenPath).Read()!;
        Assert.Null(await _emulator.Control.RefreshErrorAsync(_emulator.RestApiKey, saved.RefreshToken!));
    }

    [Theory]
    [InlineData("$WarningPreference = 'Stop'; Connect-Kakao")]
    [InlineData("Connect-Kakao -Debug")]
    public async Task A_refresh_token_from_the_environment_is_never_lost_to_a_strict_preference(string script)
    {
        for (var run = 0; run < 3; run++)
        {
            var issued = await _emulator.Control.IssueTokensAsync(refreshExpiresIn: 10 * 24 * 3600);
            var refreshToken = issued.GetProperty("refresh_token").GetString()!;
            var environment = new Dictionary<string, string?>(Environment) { ["KAKAO_REFRESH_TOKEN"] = refreshToken, ["KAKAO_REST_API_KEY"] = _emulator.RestApiKey };
            var grants = await RefreshGrantsAsync();

            var result = await PwshProcess.RunAsync(
                "$global:handed = $null; try { " + script + " -TokenPath ./kakao_token.json -OnRefreshTokenRotated { param($t) $global:handed = $t } | Out-Null; 'connected' } catch { 'stopped: ' + $_.FullyQualifiedErrorId }; 'handed=' + [bool]$global:handed",
                environment, _folder.Path);

            if (result.Output.Contains("stopped:"))
            {
                // Stopped by the warning it had to write first: nothing was asked of Kakao, and the token still works.
                Assert.Equal(grants, await RefreshGrantsAsync());
                Assert.Null(await _emulator.Control.RefreshErrorAsync(_emulator.RestApiKey, refreshToken));
            }
            else
            {
                Assert.Contains("connected", result.Output);
                Assert.Contains("handed=True", result.Output);
                var saved = new KakaoPS.Tokens.TokenStore(_folder.TokenPath).Read()!;
                Assert.Null(await _emulator.Control.RefreshErrorAsync(_emulator.RestApiKey, saved.RefreshToken!));
            }

            System.IO.File.Delete(_folder.TokenPath);
        }
    }

    [Theory]
    [InlineData("$WarningPreference = 'Stop'")]
    [InlineData("$WarningPreference = 'Stop'; $InformationPreference = 'Stop'")] // where a late warning goes, strict as well
    public async Task A_warning_that_comes_after_a_request_cannot_fail_a_delivered_memo_under_WarningPreference_Stop(string preferences)
    {
        // The renewal is refused after it reached Kakao: its warning comes once a request is out.
        await TokenFiles.WriteAsync(_emulator, _folder.TokenPath, refreshExpiresIn: 20 * 24 * 3600);
        await _emulator.Control.AddFaultAsync(new { path = "/oauth/token", count = 1, status = 400, body = "{\"error\":\"invalid_grant\",\"error_code\":\"KOE322\"}" });
        var before = (await _emulator.Control.MemoTextsAsync()).Count;

        var run = await PwshProcess.RunAsync($"{preferences}; $r = Send-KakaoMemo -Text 'strict warning'; 'success=' + $r.Success", Environment);

        Assert.True(run.ExitCode == 0, $"exit code {run.ExitCode}: {run.Error}");
        Assert.Contains("success=True", run.Output);
        Assert.Contains("KOE322", run.Output);
        Assert.Equal(before + 1, (await _emulator.Control.MemoTextsAsync()).Count);
    }

    [Fact]
    public async Task VerbosePreference_Stop_stops_a_send_at_its_refresh_before_anything_reaches_Kakao()
    {
        // The access token has expired: the send says it refreshes first, and that message stops it.
        await TokenFiles.WriteAsync(_emulator, _folder.TokenPath, accessExpired: true);
        var file = System.IO.File.ReadAllBytes(_folder.TokenPath);
        var memos = (await _emulator.Control.MemoTextsAsync()).Count;
        var grants = await RefreshGrantsAsync();

        var run = await PwshProcess.RunAsync("$VerbosePreference = 'Stop'; Send-KakaoMemo -Text 'strict verbose'", Environment);

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("VerbosePreference", run.Error);
        Assert.Equal(memos, (await _emulator.Control.MemoTextsAsync()).Count);
        Assert.Equal(grants, await RefreshGrantsAsync());
        Assert.Equal(file, System.IO.File.ReadAllBytes(_folder.TokenPath));
    }

    [Fact]
    public async Task A_verbose_message_that_comes_after_a_request_cannot_fail_a_delivered_memo_under_VerbosePreference_Stop()
    {
        // Nothing to say before the send: the first verbose message is Kakao's answer.
        await TokenFiles.WriteAsync(_emulator, _folder.TokenPath);
        var memos = (await _emulator.Control.MemoTextsAsync()).Count;

        var run = await PwshProcess.RunAsync("$VerbosePreference = 'Stop'; $r = Send-KakaoMemo -Text 'strict verbose'; 'success=' + $r.Success", Environment);

        Assert.True(run.ExitCode == 0, $"exit code {run.ExitCode}: {run.Error}");
        Assert.Contains("success=True", run.Output);
        Assert.Contains("VERBOSE (shown here because the request had already gone to Kakao)", run.Output);
        Assert.Equal(memos + 1, (await _emulator.Control.MemoTextsAsync()).Count);
    }
}
