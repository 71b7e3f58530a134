using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using KakaoPS.Tests.Infrastructure;

namespace KakaoPS.Tests.Attacks;

/// <summary>
/// -OnRefreshTokenRotated given in one runspace, the rotation seen in another of the same process
/// (ForEach-Object -Parallel, Start-ThreadJob) in a real `dotnet pwsh`: the new token reaches the block
/// in the runspace that registered it, with its variables and functions, never a detached copy.
/// </summary>
public sealed class RunspaceHandOffAttackTests : IClassFixture<EmulatorFixture>, IDisposable
{
    private const string Handler = "$module = (Get-Module KakaoPS).Path; function Save-Secret($t) { $global:saved = $t | ConvertFrom-SecureString -AsPlainText }; ";
    private const string Connect = "Connect-Kakao -RefreshToken $env:SEED -ContextScope Process -OnRefreshTokenRotated { param($t) Save-Secret $t } | Out-Null; ";

    private readonly EmulatorFixture _emulator;
    private readonly TempFolder _folder = new();

    public RunspaceHandOffAttackTests(EmulatorFixture emulator)
    {
        _emulator = emulator;
    }

    public void Dispose() => _folder.Dispose();

    /// <summary>Eleven days on at Kakao: the access token is refused and the refresh token is in its last month.</summary>
    private string AdvanceKakao => $"Invoke-RestMethod -Method Post -Uri '{_emulator.BaseUrl}/_emulator/clock' -ContentType 'application/json' -Body '{{\"advanceSeconds\": {11 * 24 * 3600}}}' | Out-Null; ";

    [Theory]
    [InlineData("1 | ForEach-Object -Parallel { Import-Module $using:module; Send-KakaoMemo -Text 'parallel' | Out-Null }; ")]
    [InlineData("Start-ThreadJob { Import-Module $using:module; Send-KakaoMemo -Text 'thread job' | Out-Null } | Receive-Job -Wait -AutoRemoveJob; ")]
    public async Task A_rotation_in_another_runspace_reaches_the_block_where_it_was_given(string elsewhere)
    {
        var seed = (await _emulator.Control.IssueTokensAsync(refreshExpiresIn: 40 * 24 * 3600)).GetProperty("refresh_token").GetString()!;
        var environment = new Dictionary<string, string?>(_emulator.ProcessEnvironment(_folder.TokenPath)) { ["SEED"] = seed };

        var run = await PwshProcess.RunAsync(
            Handler + Connect + AdvanceKakao + elsewhere
            + "Get-KakaoContext | Out-Null; "
            + "$now = (Get-KakaoContext -IncludeRefreshToken).RefreshToken | ConvertFrom-SecureString -AsPlainText; "
            + "'saved=' + ($global:saved -eq $now) + ' rotated=' + ($now -ne $env:SEED)",
            environment);

        Assert.True(run.ExitCode == 0, $"exit code {run.ExitCode}: {run.Output} {run.Error}");
        Assert.Contains("saved=True rotated=True", run.Output);
    }

    [Fact]
    public async Task A_block_whose_runspace_is_gone_fails_loudly_instead_of_running_a_copy()
    {
        var seed = (await _emulator.Control.IssueTokensAsync(refreshExpiresIn: 40 * 24 * 3600)).GetProperty("refresh_token").GetString()!;
        var environment = new Dictionary<string, string?>(_emulator.ProcessEnvironment(_folder.TokenPath)) { ["SEED"] = seed };

        var run = await PwshProcess.RunAsync(
            "$module = (Get-Module KakaoPS).Path; "
            + "Start-ThreadJob { Import-Module $using:module; function Save-Secret($t) { $global:saved = $t }; " + Connect + " } | Receive-Job -Wait -AutoRemoveJob; "
            + AdvanceKakao
            + "$sent = Send-KakaoMemo -Text 'main' -ErrorVariable failed -ErrorAction SilentlyContinue; "
            + "'sent=' + $sent.Success + ' error=' + $failed[0].FullyQualifiedErrorId",
            environment);

        Assert.True(run.ExitCode == 0, $"exit code {run.ExitCode}: {run.Output} {run.Error}");
        Assert.Contains("sent=True error=RefreshTokenRotatedHandlerUnreachable,", run.Output);
    }
}
