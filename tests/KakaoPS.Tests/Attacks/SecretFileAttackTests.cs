using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using KakaoPS.Models;
using KakaoPS.Tests.Cmdlets;
using KakaoPS.Tests.Infrastructure;

namespace KakaoPS.Tests.Attacks;

/// <summary>
/// The files that hold secrets, tried as an attacker on the same machine (or a typo) would:
/// another user watching the folder, files others can read or another user owns, a neighbour
/// given as -TokenPath, FIFOs, devices and links at the token path, a Disconnect racing a
/// refresh, a crash between the temp write and the rename, and contents that are not tokens.
/// </summary>
[Collection(CmdletCollection.Name)]
public sealed class SecretFileAttackTests : RecordedCmdletTest
{
    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OwnerOnlyFolder = OwnerOnlyFile | UnixFileMode.UserExecute;

    public SecretFileAttackTests(CmdletEnvironment environment) : base(environment)
    {
    }

    // ---- Owner-only from the first byte ------------------------------------------------------

    [Fact]
    public async Task A_second_user_watching_the_folder_reads_nothing_through_20_refreshes()
    {
        SecondUser.Require();
        // A project folder others may list, as the lesson's is: only the files must be private.
        File.SetUnixFileMode(Folder.Path, OwnerOnlyFolder | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        await TokenFiles.WriteAsync(Emulator, Folder.TokenPath, accessExpired: true);
        using var watcher = SecondUser.Watch(Folder.Path);
        for (var i = 0; i < 20; i++)
        {
            await TokenFiles.WriteAsync(Emulator, Folder.TokenPath, accessExpired: true);
            Assert.True(Run("Send-KakaoMemo -Text $args[0] -TokenPath ./kakao_token.json", $"refresh {i}").Succeeded().Single<KakaoMemoResult>().Success);
        }
        var seen = watcher.Stop();
        var refreshes = (await Control.RequestsAsync()).Count(r => r.GetProperty("path").GetString() == "/oauth/token");
        Assert.Equal(20, refreshes);
        Assert.True(seen.Events > 20, $"The watcher saw only {seen.Events} events, so it did not watch the refreshes.");
        Assert.True(seen.Opened.Count == 0, "The other user opened: " + string.Join(", ", seen.Opened));
    }

    [Theory]
    [InlineData("Get-KakaoAuthUrl -RestApiKey $args[0] | Out-Null")]
    [InlineData("Connect-Kakao -RefreshToken $args[1] -RestApiKey $args[0] | Out-Null")]
    public async Task Folders_KakaoPS_creates_are_owner_only_whichever_command_creates_them_first(string script)
    {
        var nested = Path.Combine(Folder.Path, "config", "KakaoPS", "kakao_token.json");
        Environment.SetEnvironmentVariable("KAKAOPS_TOKEN_PATH", nested);
        var issued = await Control.IssueTokensAsync();

        Run(script, Key, issued.GetProperty("refresh_token").GetString()!).Succeeded();

        Assert.Equal(OwnerOnlyFolder, File.GetUnixFileMode(Path.Combine(Folder.Path, "config")));
        Assert.Equal(OwnerOnlyFolder, File.GetUnixFileMode(Path.Combine(Folder.Path, "config", "KakaoPS")));
        Assert.All(Directory.GetFiles(Path.Combine(Folder.Path, "config", "KakaoPS")), f => Assert.Equal(OwnerOnlyFile, File.GetUnixFileMode(f)));
    }

    // ---- Existing files and folders others can read ------------------------------------------

    [Fact]
    public async Task A_token_file_others_can_read_is_made_private_and_the_user_is_told_once()
    {
        var folder = Path.Combine(Folder.Path, "KakaoPS");
        var path = Path.Combine(folder, "kakao_token.json");
        Environment.SetEnvironmentVariable("KAKAOPS_TOKEN_PATH", path);
        await TokenFiles.WriteAsync(Emulator, path);
        File.SetUnixFileMode(path, OwnerOnlyFile | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        File.SetUnixFileMode(folder, OwnerOnlyFolder | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);

        var first = Run("Get-KakaoContext").Succeeded();
        var second = Run("Get-KakaoContext").Succeeded();

        Assert.Equal(OwnerOnlyFile, File.GetUnixFileMode(path));
        Assert.Equal(OwnerOnlyFolder, File.GetUnixFileMode(folder));
        var warning = Assert.Single(first.Warnings);
        Assert.Contains(path, warning);
        Assert.Empty(second.Warnings);
    }

    [Fact]
    public async Task Test_KakaoConnection_reports_a_token_file_others_could_read_with_the_remedy()
    {
        await TokenFiles.WriteAsync(Emulator, Folder.TokenPath);
        File.SetUnixFileMode(Folder.TokenPath, OwnerOnlyFile | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        var checks = Run("Test-KakaoConnection -TokenPath ./kakao_token.json").All<KakaoConnectionCheck>().ToList();

        var check = Assert.Single(checks, c => c.Check == "TokenFile");
        Assert.Equal("Warning", check.Status.ToString());
        Assert.Contains("Disconnect-Kakao -Revoke", check.Remedy);
        Assert.Equal(OwnerOnlyFile, File.GetUnixFileMode(Folder.TokenPath));
    }

    [Fact]
    public async Task A_token_file_another_user_owns_is_refused_before_anything_is_sent()
    {
        SecondUser.Require();
        await TokenFiles.WriteAsync(Emulator, Folder.TokenPath);
        SecondUser.GiveAway(Folder.TokenPath);

        var error = Run("Send-KakaoMemo -Text 'planted' -TokenPath ./kakao_token.json").SingleError();

        Assert.StartsWith("TokenFileNotOwned,", error.FullyQualifiedErrorId);
        Assert.Contains(Folder.TokenPath, error.ToString());
        Assert.Empty(await Control.MessagesAsync());
    }

    // ---- Foreign files are never touched -----------------------------------------------------

    [Theory]
    [InlineData("Get-KakaoContext -TokenPath ./package.json")]
    [InlineData("Send-KakaoMemo -Text 'x' -TokenPath ./package.json")]
    [InlineData("Disconnect-Kakao -TokenPath ./package.json")]
    [InlineData("Connect-Kakao -RefreshToken 'rt' -RestApiKey $args[0] -TokenPath ./package.json")]
    [InlineData("Connect-Kakao -RefreshToken 'rt' -RestApiKey $args[0] -TokenPath ./__init__.py")]
    public async Task A_file_that_is_not_a_token_file_is_refused_by_name_and_left_alone(string script)
    {
        var name = script.Contains("__init__") ? "__init__.py" : "package.json";
        var neighbour = Folder.File(name);
        var content = name == "package.json" ? """{ "name": "my-app", "version": "1.0.0", "scripts": { "build": "tsc" } }""" : string.Empty;
        File.WriteAllText(neighbour, content);
        var writtenAt = File.GetLastWriteTimeUtc(neighbour);

        var error = Run(script, Key).SingleError();

        Assert.StartsWith("NotATokenFile,", error.FullyQualifiedErrorId);
        Assert.Contains(neighbour, error.ToString());
        Assert.Equal(content, File.ReadAllText(neighbour));
        Assert.Equal(writtenAt, File.GetLastWriteTimeUtc(neighbour));
        Assert.Equal(new[] { name }, Directory.GetFileSystemEntries(Folder.Path).Select(Path.GetFileName));
        Assert.DoesNotContain(await Control.RequestsAsync(), r => r.GetProperty("path").GetString() == "/oauth/token");
    }

    [Fact]
    public void Test_KakaoConnection_Quiet_on_a_neighbour_says_false_and_touches_nothing()
    {
        var neighbour = Folder.File("package.json");
        File.WriteAllText(neighbour, """{ "name": "my-app" }""");

        var result = Run("Test-KakaoConnection -Quiet -TokenPath ./package.json");

        Assert.Null(result.Terminating);
        Assert.Equal(false, Assert.Single(result.Output));
        Assert.Equal(new[] { "package.json" }, Directory.GetFileSystemEntries(Folder.Path).Select(Path.GetFileName));
    }

    // ---- Only regular, small files -----------------------------------------------------------

    [Theory]
    [InlineData("/dev/zero")]
    [InlineData("fifo")]
    public void A_device_or_a_FIFO_at_the_token_path_is_refused_without_reading_it(string target)
    {
        if (target == "fifo")
        {
            Assert.Equal(0, Process.Start("mkfifo", Folder.TokenPath)!.WaitForExitAndCode());
        }
        else
        {
            File.CreateSymbolicLink(Folder.TokenPath, target);
        }

        var result = RunOrStop("Get-KakaoContext -TokenPath ./kakao_token.json");

        Assert.StartsWith("InvalidTokenPath,", Assert.Single(result.Errors).FullyQualifiedErrorId);
    }

    [Fact]
    public void A_token_file_over_64_KB_is_refused()
    {
        File.WriteAllText(Folder.TokenPath, "{\"access_token\":\"" + new string('a', 70 * 1024) + "\"}");

        var error = Run("Get-KakaoContext -TokenPath ./kakao_token.json").SingleError();

        Assert.StartsWith("TokenFileTooLarge,", error.FullyQualifiedErrorId);
    }

    // ---- Links -------------------------------------------------------------------------------

    [Fact]
    public async Task A_dangling_link_at_the_token_path_is_reported_before_any_request_to_Kakao()
    {
        File.CreateSymbolicLink(Folder.TokenPath, Folder.File("moved-away/kakao_token.json"));
        var issued = await Control.IssueTokensAsync();

        var error = Run("Connect-Kakao -RefreshToken $args[0] -RestApiKey $args[1] -TokenPath ./kakao_token.json",
            issued.GetProperty("refresh_token").GetString()!, Key).SingleError();

        Assert.StartsWith("TokenFileLinkBroken,", error.FullyQualifiedErrorId);
        Assert.Contains("moved-away", error.ToString());
        Assert.DoesNotContain(await Control.RequestsAsync(), r => r.GetProperty("path").GetString() == "/oauth/token");
    }

    [Fact]
    public async Task A_linked_token_file_is_written_through_to_its_target_as_dotfile_managers_expect()
    {
        var target = Path.Combine(Folder.Path, "dotfiles", "kakao_token.json");
        await TokenFiles.WriteAsync(Emulator, target, accessExpired: true);
        File.CreateSymbolicLink(Folder.TokenPath, target);
        var before = File.ReadAllText(target);

        Assert.True(Run("Send-KakaoMemo -Text 'through the link' -TokenPath ./kakao_token.json").Succeeded().Single<KakaoMemoResult>().Success);

        Assert.NotNull(new FileInfo(Folder.TokenPath).LinkTarget);
        Assert.NotEqual(before, File.ReadAllText(target));
        Assert.Equal(OwnerOnlyFile, File.GetUnixFileMode(target));
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(target)!, "*.tmp"));
    }

    [Fact]
    public async Task The_lock_file_is_not_opened_through_a_link()
    {
        await TokenFiles.WriteAsync(Emulator, Folder.TokenPath, accessExpired: true);
        var planted = Folder.File("created-through-the-link");
        File.CreateSymbolicLink(Folder.TokenPath + ".lock", planted);

        var error = Run("Send-KakaoMemo -Text 'x' -TokenPath ./kakao_token.json").SingleError();

        Assert.StartsWith("TokenLockFileUnsafe,", error.FullyQualifiedErrorId);
        Assert.False(File.Exists(planted));
    }

    [Fact]
    public async Task A_lock_file_another_user_owns_is_refused_so_they_cannot_hold_the_login_for_ever()
    {
        SecondUser.Require();
        await TokenFiles.WriteAsync(Emulator, Folder.TokenPath, accessExpired: true);
        var before = File.ReadAllText(Folder.TokenPath);
        File.WriteAllText(Folder.TokenPath + ".lock", string.Empty);
        File.SetUnixFileMode(Folder.TokenPath + ".lock", OwnerOnlyFile | UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.OtherRead | UnixFileMode.OtherWrite);
        SecondUser.GiveAway(Folder.TokenPath + ".lock");

        var error = Run("Send-KakaoMemo -Text 'x' -TokenPath ./kakao_token.json").SingleError();

        Assert.StartsWith("TokenLockFileNotOwned,", error.FullyQualifiedErrorId);
        Assert.Contains(Folder.TokenPath + ".lock", error.ToString());
        Assert.DoesNotContain("Send-KakaoMemo", error.ErrorDetails.RecommendedAction);
        Assert.Equal(before, File.ReadAllText(Folder.TokenPath));
        Assert.Empty(await Control.MessagesAsync());
    }

    [Fact]
    public void A_FIFO_at_the_pending_logins_path_is_refused_without_reading_it()
    {
        Assert.Equal(0, Process.Start("mkfifo", Folder.TokenPath + ".pending")!.WaitForExitAndCode());

        var result = RunOrStop($"Get-KakaoAuthUrl -RestApiKey '{Key}' -TokenPath ./kakao_token.json");

        var error = Assert.Single(result.Errors);
        Assert.StartsWith("PendingLoginsUnusable,", error.FullyQualifiedErrorId);
        Assert.Contains("FIFO", error.ToString());
        Assert.Contains(Folder.TokenPath + ".pending", error.ErrorDetails.RecommendedAction);
    }

    [Fact]
    public void Pending_logins_another_user_planted_are_not_used()
    {
        SecondUser.Require();
        var pending = Folder.TokenPath + ".pending";
        File.WriteAllText(pending, """[{"State":"planted","CodeVerifier":"chosen-by-them","ClientId":"k","RedirectUri":"http://127.0.0.1","Scopes":[],"CreatedAt":"2099-01-01T00:00:00Z"}]""");
        SecondUser.GiveAway(pending);

        var error = Run("Connect-Kakao -RedirectedUrl 'http://127.0.0.1/?code=c&state=planted' -RestApiKey $args[0] -TokenPath ./kakao_token.json", Key).SingleError();

        Assert.StartsWith("PendingLoginsUnusable,", error.FullyQualifiedErrorId);
        Assert.Contains("uid", error.ToString());
        Assert.Contains("chosen-by-them", File.ReadAllText(pending));
    }

    // ---- Locks -------------------------------------------------------------------------------

    [Fact]
    public async Task Disconnect_during_a_refresh_waits_for_it_so_the_login_does_not_come_back()
    {
        await TokenFiles.WriteAsync(Emulator, Folder.TokenPath, accessExpired: true);
        await Control.AddFaultAsync(new { path = "/oauth/token", delayMs = 3000 });
        using var refresher = new InProcessPowerShell(Folder.Path);
        using var send = refresher.Create("Send-KakaoMemo -Text 'during disconnect' -TokenPath ./kakao_token.json");
        var sending = send.BeginInvoke();
        WaitUntilLocked(Folder.TokenPath + ".lock");

        Run("Disconnect-Kakao -TokenPath ./kakao_token.json -Confirm:$false").Succeeded();
        send.EndInvoke(sending);

        Assert.False(File.Exists(Folder.TokenPath), "The refresh in flight brought the login back after Disconnect-Kakao.");
    }

    // ---- A crash between the temp write and the rename ---------------------------------------

    [Fact]
    public async Task A_newer_temp_file_left_by_a_crash_is_adopted_not_deleted()
    {
        await TokenFiles.WriteAsync(Emulator, Folder.TokenPath, accessExpired: true);
        var rotated = Folder.File($".kakao_token.json.{999999}.{Guid.NewGuid():N}.tmp");
        await TokenFiles.WriteAsync(Emulator, rotated, accessExpired: true);
        var rotatedRefreshToken = System.Text.Json.JsonDocument.Parse(File.ReadAllText(rotated)).RootElement.GetProperty("refresh_token").GetString();
        File.SetLastWriteTimeUtc(rotated, DateTime.UtcNow.AddMinutes(-5));
        File.SetLastWriteTimeUtc(Folder.TokenPath, DateTime.UtcNow.AddMinutes(-6));

        Assert.True(Run("Send-KakaoMemo -Text 'after the crash' -TokenPath ./kakao_token.json").Succeeded().Single<KakaoMemoResult>().Success);

        var saved = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Folder.TokenPath)).RootElement;
        Assert.Equal(rotatedRefreshToken, saved.GetProperty("refresh_token").GetString());
        Assert.Empty(Directory.GetFiles(Folder.Path, "*.tmp"));
    }

    [Fact]
    public async Task A_temp_file_left_after_this_process_first_read_the_file_is_adopted_before_a_refresh()
    {
        // This process reads the file first: leftovers are looked for then, and not on every later read.
        await TokenFiles.WriteAsync(Emulator, Folder.TokenPath);
        Run("Send-KakaoMemo -Text 'before the crash' -TokenPath ./kakao_token.json").Succeeded();

        // Then another process refreshes (a new file whose access token has expired since) and is killed
        // while writing the next refresh: the newest refresh token is only in its temp file.
        await TokenFiles.WriteAsync(Emulator, Folder.TokenPath, accessExpired: true);
        var rotated = Folder.File($".kakao_token.json.{999998}.{Guid.NewGuid():N}.tmp");
        await TokenFiles.WriteAsync(Emulator, rotated, accessExpired: true);
        var rotatedRefreshToken = System.Text.Json.JsonDocument.Parse(File.ReadAllText(rotated)).RootElement.GetProperty("refresh_token").GetString();

        Assert.True(Run("Send-KakaoMemo -Text 'after the crash' -TokenPath ./kakao_token.json").Succeeded().Single<KakaoMemoResult>().Success);

        var saved = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Folder.TokenPath)).RootElement;
        Assert.Equal(rotatedRefreshToken, saved.GetProperty("refresh_token").GetString());
        Assert.Empty(Directory.GetFiles(Folder.Path, "*.tmp"));
    }

    // ---- Bad contents ------------------------------------------------------------------------

    public static TheoryData<string, byte[]> BadContents() => new()
    {
        { "invalid UTF-8", Concat("{\"kakaops_format\":1,\"access_token\":\"abc", new byte[] { 0xC3, 0x28, 0xFF }, "\",\"expires_in\":100}") },
        { "CR LF in the access token", Encoding.UTF8.GetBytes("{\"kakaops_format\":1,\"access_token\":\"abc\\r\\nX-Evil: 1\",\"expires_in\":21599}") },
        { "NUL in the refresh token", Encoding.UTF8.GetBytes("{\"access_token\":\"abc\",\"refresh_token\":\"r\\u0000t\",\"expires_in\":21599}") },
        { "truncated", Encoding.UTF8.GetBytes("{\"kakaops_format\":1,\"access_token\":\"abc") },
    };

    [Theory]
    [MemberData(nameof(BadContents))]
    public async Task Bad_contents_are_TokenFileInvalid_and_Disconnect_can_still_remove_the_login(string what, byte[] content)
    {
        File.WriteAllBytes(Folder.TokenPath, content);
        File.SetUnixFileMode(Folder.TokenPath, OwnerOnlyFile);

        var send = Run("Send-KakaoMemo -Text 'x' -TokenPath ./kakao_token.json").SingleError();
        var context = Run("Get-KakaoContext -TokenPath ./kakao_token.json").SingleError();
        var quiet = Run("Test-KakaoConnection -Quiet -TokenPath ./kakao_token.json");

        Assert.True(send.FullyQualifiedErrorId.StartsWith("TokenFileInvalid,"), $"{what}: {send.FullyQualifiedErrorId}");
        Assert.StartsWith("TokenFileInvalid,", context.FullyQualifiedErrorId);
        Assert.Null(quiet.Terminating);
        Assert.Equal(false, Assert.Single(quiet.Output));
        Assert.Empty(await Control.MessagesAsync());
        Assert.Equal(content, File.ReadAllBytes(Folder.TokenPath));

        Run("Disconnect-Kakao -TokenPath ./kakao_token.json -Confirm:$false").Succeeded();

        Assert.False(File.Exists(Folder.TokenPath));
        Assert.Empty(Directory.GetFiles(Folder.Path, "*.corrupt-*"));
    }

    // ---- Helpers -----------------------------------------------------------------------------

    private static byte[] Concat(string before, byte[] middle, string after) =>
        Encoding.UTF8.GetBytes(before).Concat(middle).Concat(Encoding.UTF8.GetBytes(after)).ToArray();

    /// <summary>Runs a script that must not block; one that is still running after a minute is stopped and fails the test.</summary>
    private ScriptResult RunOrStop(string script)
    {
        using var shell = Shell.Create("$VerbosePreference = 'Continue'; " + script);
        var running = shell.BeginInvoke();
        if (!running.AsyncWaitHandle.WaitOne(TimeSpan.FromMinutes(1)))
        {
            // Stop() would wait for a thread blocked in open(2) forever; ask and move on.
            shell.BeginStop(null, null);
            Assert.Fail($"'{script}' blocked for a minute.");
        }

        var output = shell.EndInvoke(running);
        var result = new ScriptResult(output.Select(o => o?.BaseObject).ToList(), shell.Streams.Error.ToList(),
            shell.Streams.Warning.Select(w => w.Message).ToList(), shell.Streams.Verbose.Select(v => v.Message).ToList(), null);
        Record(result.Transcript());
        return result;
    }

    /// <summary>Waits until another command holds the token file lock (it is waiting for Kakao meanwhile).</summary>
    private static void WaitUntilLocked(string lockPath)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                if (File.Exists(lockPath))
                {
                    using (new FileStream(lockPath, FileMode.Open, FileAccess.ReadWrite, FileShare.None))
                    {
                    }
                }
            }
            catch (IOException)
            {
                return;
            }

            Thread.Sleep(20);
        }

        Assert.Fail("The refresh never took the lock.");
    }
}

internal static class ProcessExtensions
{
    public static int WaitForExitAndCode(this Process process)
    {
        process.WaitForExit();
        return process.ExitCode;
    }
}
