using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using KakaoPS.Tests.Infrastructure;

namespace KakaoPS.Tests.Attacks;

/// <summary>
/// -OnRefreshTokenRotated blocks as CI writes them, in a real `dotnet pwsh`: one whose error quotes the token
/// it was given (redacted wherever it is recorded: the error, $Error, a transcript), one whose native command
/// writes progress to stderr and succeeds (not a failure).
/// </summary>
public sealed class RotationHandlerAttackTests : IClassFixture<EmulatorFixture>, IDisposable
{
    private readonly EmulatorFixture _emulator;
    private readonly TempFolder _folder = new();

    public RotationHandlerAttackTests(EmulatorFixture emulator)
    {
        _emulator = emulator;
    }

    public void Dispose() => _folder.Dispose();

    private async Task<Dictionary<string, string?>> RotatingSeedAsync()
    {
        // Ten days left: Connect-Kakao's own refresh rotates it.
        var seed = (await _emulator.Control.IssueTokensAsync(refreshExpiresIn: 10 * 24 * 3600)).GetProperty("refresh_token").GetString()!;
        return new Dictionary<string, string?>(_emulator.ProcessEnvironment(_folder.TokenPath)) { ["SEED"] = seed };
    }

    /// <remarks>
    /// PowerShell itself writes a "PS>TerminatingError()" line to a transcript when the block throws, before any
    /// module sees the error; everything KakaoPS records or reports is redacted.
    /// </remarks>
    [Fact]
    public async Task A_handler_error_that_quotes_the_token_is_redacted_in_Error_and_in_a_transcript()
    {
        var transcript = _folder.File("transcript.txt");
        var run = await PwshProcess.RunAsync(
            $"Start-Transcript -LiteralPath '{transcript}' | Out-Null; "
            + "Connect-Kakao -RefreshToken $env:SEED -ContextScope Process -ErrorAction Continue -OnRefreshTokenRotated { param($t) throw ('vault refused ' + ($t | ConvertFrom-SecureString -AsPlainText)) } | Out-Null; "
            + "Stop-Transcript | Out-Null; "
            + "$new = [regex]::Escape(((Get-KakaoContext -IncludeRefreshToken).RefreshToken | ConvertFrom-SecureString -AsPlainText)); "
            + "'errors=' + $Error.Count + ' inError=' + (($Error | ForEach-Object { $_ | Out-String; $_.Exception.ToString() }) -join \"`n\" -match $new) "
            + "+ ' inTranscript=' + [bool](Get-Content -LiteralPath '" + transcript + "' | Where-Object { $_ -match $new -and $_ -notlike 'PS>TerminatingError(*' }) "
            + "+ ' failed=' + [bool]($Error | Where-Object { $_.FullyQualifiedErrorId -like 'RefreshTokenRotatedHandlerFailed*' })",
            await RotatingSeedAsync(), _folder.Path);

        Assert.True(run.ExitCode == 0, $"exit code {run.ExitCode}: {run.Output} {run.Error}");
        Assert.True(run.Output.Contains("inError=False inTranscript=False failed=True"), run.Output);
    }

    /// <summary>With $Error full its count no longer grows; Write-Host would go straight to the console.</summary>
    [Fact]
    public async Task A_handler_that_prints_the_token_and_errors_with_Error_already_full_leaves_it_in_neither()
    {
        var run = await PwshProcess.RunAsync(
            "$MaximumErrorCount = 256; 1..300 | ForEach-Object { Write-Error \"filler $_\" -ErrorAction SilentlyContinue }; $full = $Error.Count -eq 256; "
            + "$shown = Connect-Kakao -RefreshToken $env:SEED -ContextScope Process -ErrorAction Continue -OnRefreshTokenRotated { param($t) $p = $t | ConvertFrom-SecureString -AsPlainText; Write-Host \"stored $p\"; Write-Error \"vault said $p\" } 6>&1 | Out-String; "
            + "$new = [regex]::Escape(((Get-KakaoContext -IncludeRefreshToken).RefreshToken | ConvertFrom-SecureString -AsPlainText)); "
            + "'full=' + $full + ' inError=' + (($Error | ForEach-Object { $_ | Out-String; $_.Exception.ToString() }) -join \"`n\" -match $new) "
            + "+ ' inHost=' + ($shown -match $new) + ' stored=' + ($shown -match 'stored \\*\\*\\*')",
            await RotatingSeedAsync(), _folder.Path);

        Assert.True(run.ExitCode == 0, $"exit code {run.ExitCode}: {run.Output} {run.Error}");
        Assert.DoesNotMatch("stored [^*]", run.Output);
        Assert.True(run.Output.Contains("full=True inError=False inHost=False stored=True"), System.Text.RegularExpressions.Regex.Replace(run.Output, "[A-Za-z0-9_-]{40,}", "<token>"));
    }

    [Fact]
    public async Task A_native_command_that_writes_to_stderr_and_exits_0_is_not_a_failed_handler()
    {
        var run = await PwshProcess.RunAsync(
            "$global:stored = $false; "
            + "Connect-Kakao -RefreshToken $env:SEED -ContextScope Process -OnRefreshTokenRotated { param($t) sh -c 'echo uploading secret >&2; exit 0'; if ($LASTEXITCODE) { throw 'store failed' }; $global:stored = $true } | Out-Null; "
            + "'stored=' + $global:stored + ' errors=' + $Error.Count",
            await RotatingSeedAsync(), _folder.Path);

        Assert.True(run.ExitCode == 0, $"exit code {run.ExitCode}: {run.Output} {run.Error}");
        Assert.Contains("stored=True errors=0", run.Output);
    }
}
