using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using KakaoPS.Errors;
using KakaoPS.Models;
using KakaoPS.Tests.Cmdlets;
using KakaoPS.Tests.Infrastructure;

namespace KakaoPS.Tests.Attacks;

/// <summary>
/// Write faults around a refresh, made for real: the token file immutable (chattr +i), its folder
/// immutable, a full disk (a tiny tmpfs). Once Kakao has been asked to refresh, the new refresh
/// token is never lost: it is kept, handed on, and the user is told where it is; a fault that can
/// be found before Kakao is asked stops the refresh before it starts.
/// </summary>
[Collection(CmdletCollection.Name)]
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class WriteFaultAttackTests : RecordedCmdletTest
{
    public WriteFaultAttackTests(CmdletEnvironment environment) : base(environment)
    {
    }

    private static string RefreshTokenIn(string path) =>
        JsonDocument.Parse(File.ReadAllText(path)).RootElement.GetProperty("refresh_token").GetString()!;

    private string[] Temps(string folder) => Directory.GetFiles(folder, ".kakao_token.json.*.tmp");

    private async Task<int> RefreshRequestsAsync() =>
        (await Control.RequestsAsync()).Count(r => r.GetProperty("path").GetString() == "/oauth/token");

    private Task<string?> RefreshErrorAsync(string refreshToken) => Control.RefreshErrorAsync(Key, refreshToken);

    private static void AssertSaysWhereTheNewTokenIs(System.Management.Automation.ErrorRecord error, string kept)
    {
        Assert.StartsWith("RefreshTokenNotSaved,", error.FullyQualifiedErrorId);
        Assert.Contains("replaced the refresh token", error.ToString());
        Assert.Contains(kept, error.ToString());
        Assert.DoesNotContain("could not be renewed", error.ToString());
        Assert.DoesNotContain("Send-KakaoMemo", error.ErrorDetails.RecommendedAction);
        Assert.Contains("Get-KakaoContext", error.ErrorDetails.RecommendedAction);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_rotation_over_an_immutable_token_file_keeps_the_new_token_beside_it_and_the_next_command_adopts_it(bool accessExpired)
    {
        // Accesss expired: the send must refresh. Still valid: the renewal rides on the send.
        await TokenFiles.WriteAsync(Emulator, Folder.TokenPath, accessExpired, refreshExpiresIn: (int)TimeSpan.FromDays(20).TotalSeconds);
        var old = RefreshTokenIn(Folder.TokenPath);
        var before = File.ReadAllText(Folder.TokenPath);

        ScriptResult sent;
        string kept;
        using (WriteFaults.Immutable(Folder.TokenPath))
        {
            sent = Run("Send-KakaoMemo -Text 'rotated' -TokenPath ./kakao_token.json");

            kept = Assert.Single(Temps(Folder.Path));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(kept));
            Assert.Equal(before, File.ReadAllText(Folder.TokenPath));
        }

        Assert.True(sent.Single<KakaoMemoResult>().Success);
        Assert.Equal(new[] { "rotated" }, await Control.MemoTextsAsync());
        Assert.DoesNotContain(sent.Warnings, w => w.Contains("could not be renewed"));
        AssertSaysWhereTheNewTokenIs(Assert.Single(sent.Errors), kept);
        var rotated = RefreshTokenIn(kept);
        Assert.NotEqual(old, rotated);
        Assert.Equal("KOE322", await RefreshErrorAsync(old));

        // Once the file can be written again, any command puts the new token in place.
        using (var next = new InProcessPowerShell(Folder.Path))
        {
            next.Run("Get-KakaoContext -TokenPath ./kakao_token.json").Succeeded();
        }

        Assert.Equal(rotated, RefreshTokenIn(Folder.TokenPath));
        Assert.Empty(Temps(Folder.Path));
    }

    [Fact]
    public async Task A_rotation_over_an_immutable_token_file_reaches_the_script_block()
    {
        var issued = await Control.IssueTokensAsync(refreshExpiresIn: (int)TimeSpan.FromDays(40).TotalSeconds);
        Run("$global:handed = @(); Connect-Kakao -RefreshToken $args[0] -RestApiKey $args[1] -TokenPath ./kakao_token.json -OnRefreshTokenRotated { param($RefreshToken) $global:handed += @($RefreshToken) }",
            issued.GetProperty("refresh_token").GetString()!, Key).Succeeded();
        await Control.AdvanceClockAsync(TimeSpan.FromDays(11));

        ScriptResult sent;
        string kept;
        using (WriteFaults.Immutable(Folder.TokenPath))
        {
            sent = Run("Send-KakaoMemo -Text 'handed on' -TokenPath ./kakao_token.json");
            kept = Assert.Single(Temps(Folder.Path));
        }

        Assert.True(sent.Single<KakaoMemoResult>().Success);
        AssertSaysWhereTheNewTokenIs(Assert.Single(sent.Errors), kept);
        var handed = Shell.Run("$global:handed | ForEach-Object { $_ | ConvertFrom-SecureString -AsPlainText }").Succeeded().Single<string>();
        Assert.Equal(RefreshTokenIn(kept), handed);
        Run("Disconnect-Kakao -TokenPath ./kakao_token.json -Confirm:$false").Succeeded();
    }

    [Fact]
    public async Task A_full_disk_is_found_before_Kakao_is_asked_to_refresh()
    {
        var tiny = Folder.File("tiny");
        using var mount = WriteFaults.TinyTmpfs(tiny);
        var path = Path.Combine(tiny, "kakao_token.json");
        await TokenFiles.WriteAsync(Emulator, path, accessExpired: true, refreshExpiresIn: (int)TimeSpan.FromDays(20).TotalSeconds);
        var before = File.ReadAllText(path);
        WriteFaults.Fill(tiny);

        var error = Run("Send-KakaoMemo -Text 'no space' -TokenPath $args[0]", path).SingleError();

        Assert.StartsWith("TokenFileUnwritable,", error.FullyQualifiedErrorId);
        Assert.Contains(path, error.ToString());
        Assert.Equal(0, await RefreshRequestsAsync());
        Assert.Empty(await Control.MessagesAsync());
        Assert.Equal(before, File.ReadAllText(path));
        Assert.Empty(Temps(tiny));
    }

    [Fact]
    public async Task A_due_renewal_on_a_full_disk_waits_and_the_send_goes_on()
    {
        var tiny = Folder.File("tiny");
        using var mount = WriteFaults.TinyTmpfs(tiny);
        var path = Path.Combine(tiny, "kakao_token.json");
        await TokenFiles.WriteAsync(Emulator, path, refreshExpiresIn: (int)TimeSpan.FromDays(20).TotalSeconds);
        var before = File.ReadAllText(path);
        WriteFaults.Fill(tiny);

        var sent = Run("Send-KakaoMemo -Text 'renewal can wait' -TokenPath $args[0]", path).Succeeded();

        Assert.True(sent.Single<KakaoMemoResult>().Success);
        Assert.Equal(0, await RefreshRequestsAsync());
        Assert.Contains(sent.Warnings, w => w.Contains(path));
        Assert.Equal(before, File.ReadAllText(path));
        Assert.Empty(Temps(tiny));
    }

    [Fact]
    public async Task An_immutable_token_folder_is_found_before_Kakao_is_asked_to_refresh()
    {
        var folder = Folder.File("locked-down");
        var path = Path.Combine(folder, "kakao_token.json");
        await TokenFiles.WriteAsync(Emulator, path, accessExpired: true, refreshExpiresIn: (int)TimeSpan.FromDays(20).TotalSeconds);
        File.WriteAllText(path + ".lock", string.Empty);

        ScriptResult result;
        using (WriteFaults.Immutable(folder))
        {
            result = Run("Send-KakaoMemo -Text 'read-only' -TokenPath $args[0]", path);
        }

        var error = result.SingleError();
        Assert.StartsWith("TokenFileUnwritable,", error.FullyQualifiedErrorId);
        Assert.Equal(0, await RefreshRequestsAsync());
        Assert.Empty(await Control.MessagesAsync());
    }

    [Fact]
    public async Task Disconnect_on_a_token_file_it_cannot_delete_says_why_and_what_to_do()
    {
        await TokenFiles.WriteAsync(Emulator, Folder.TokenPath);

        System.Management.Automation.ErrorRecord error;
        using (WriteFaults.Immutable(Folder.TokenPath))
        {
            error = Run("Disconnect-Kakao -TokenPath ./kakao_token.json -Confirm:$false").SingleError();
        }

        Assert.IsType<KakaoException>(error.Exception);
        Assert.StartsWith("TokenFileUndeletable,", error.FullyQualifiedErrorId);
        Assert.Equal(System.Management.Automation.ErrorCategory.WriteError, error.CategoryInfo.Category);
        Assert.Contains(Folder.TokenPath, error.ToString());
        Assert.DoesNotContain("Disconnect-Kakao", error.ErrorDetails.RecommendedAction);
        Assert.True(File.Exists(Folder.TokenPath));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_read_only_token_folder_without_a_lock_file_is_a_KakaoPS_error_and_a_due_renewal_does_not_fail_the_send(bool accessExpired)
    {
        var folder = Folder.File("read-only");
        var path = Path.Combine(folder, "kakao_token.json");
        await TokenFiles.WriteAsync(Emulator, path, accessExpired, refreshExpiresIn: (int)TimeSpan.FromDays(20).TotalSeconds);

        ScriptResult result;
        using (WriteFaults.Immutable(folder))
        {
            result = Run("Send-KakaoMemo -Text 'read-only folder' -TokenPath $args[0]", path);
        }

        Assert.Equal(0, await RefreshRequestsAsync());
        if (accessExpired)
        {
            var error = result.SingleError();
            Assert.IsType<KakaoException>(error.Exception);
            Assert.StartsWith("TokenLockUnavailable,", error.FullyQualifiedErrorId);
            Assert.Contains(folder, error.ErrorDetails.RecommendedAction);
            Assert.Empty(await Control.MessagesAsync());
        }
        else
        {
            Assert.True(result.Succeeded().Single<KakaoMemoResult>().Success);
            Assert.Contains(result.Warnings, w => w.Contains(path + ".lock"));
        }
    }

    [Fact]
    public async Task A_token_file_others_can_read_that_cannot_be_narrowed_is_a_warning_not_an_exception()
    {
        await TokenFiles.WriteAsync(Emulator, Folder.TokenPath);
        File.SetUnixFileMode(Folder.TokenPath, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        ScriptResult result;
        using (WriteFaults.Immutable(Folder.TokenPath))
        {
            result = Run("Get-KakaoContext -TokenPath ./kakao_token.json");
        }

        result.Succeeded();
        Assert.Contains(result.Warnings, w => w.Contains(Folder.TokenPath) && w.Contains("chmod"));
    }

    [Fact]
    public async Task Connect_Kakao_onto_a_full_disk_fails_before_the_refresh_token_is_traded()
    {
        var tiny = Folder.File("tiny");
        using var mount = WriteFaults.TinyTmpfs(tiny);
        WriteFaults.Fill(tiny);
        var seed = (await Control.IssueTokensAsync(refreshExpiresIn: (int)TimeSpan.FromDays(10).TotalSeconds)).GetProperty("refresh_token").GetString()!;

        var error = Run("Connect-Kakao -RefreshToken $args[0] -RestApiKey $args[1] -TokenPath $args[2]", seed, Key, Path.Combine(tiny, "kakao_token.json")).SingleError();

        Assert.StartsWith("TokenFileUnwritable,", error.FullyQualifiedErrorId);
        Assert.Equal(0, await RefreshRequestsAsync());
        Assert.Null(await RefreshErrorAsync(seed));
        Assert.Empty(Temps(tiny));
    }

    [Fact]
    public async Task A_new_login_over_an_immutable_token_file_is_kept_beside_it_and_says_so_without_claiming_a_rotation()
    {
        await TokenFiles.WriteAsync(Emulator, Folder.TokenPath);
        var code = await Control.NewCodeAsync(Key);

        System.Management.Automation.ErrorRecord error;
        string kept;
        using (WriteFaults.Immutable(Folder.TokenPath))
        {
            error = Run("Connect-Kakao -Code $args[0] -RestApiKey $args[1] -TokenPath ./kakao_token.json -Force", code, Key).SingleError();
            kept = Assert.Single(Temps(Folder.Path));
        }

        Assert.StartsWith("NewLoginNotSaved,", error.FullyQualifiedErrorId);
        Assert.Contains(kept, error.ToString());
        Assert.DoesNotContain("replaced", error.ToString());
        var issued = RefreshTokenIn(kept);

        using (var next = new InProcessPowerShell(Folder.Path))
        {
            next.Run("Get-KakaoContext -TokenPath ./kakao_token.json").Succeeded();
        }

        Assert.Equal(issued, RefreshTokenIn(Folder.TokenPath));
        Assert.Empty(Temps(Folder.Path));
    }
}
