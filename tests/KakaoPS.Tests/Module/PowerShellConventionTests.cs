using System.Collections.Generic;
using System.Threading.Tasks;
using KakaoPS.Tests.Infrastructure;

namespace KakaoPS.Tests.Module;

/// <summary>
/// The corners where PowerShell users expect PowerShell's habits, checked in a real shell:
/// -ErrorAction silences a send that cannot start, a logged-out Get-KakaoContext is empty,
/// a mistyped -TokenPath is told as a path with nothing there.
/// </summary>
public sealed class PowerShellConventionTests : System.IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task ErrorAction_SilentlyContinue_and_Ignore_silence_Send_KakaoMemo_set_up_errors_and_nothing_is_sent()
    {
        const string script = """
            $Error.Clear()
            Send-KakaoMemo -Text 'not connected' -ErrorAction SilentlyContinue; 'after not connected'
            Send-KakaoMemo -Text ('x' * 300) -Overflow Error -ErrorAction SilentlyContinue; 'after too long'
            Send-KakaoMemo -Template @{ object_type = 'text' } -ErrorAction SilentlyContinue; 'after bad template'
            'a', 'b' | Send-KakaoMemo -Each -ErrorAction SilentlyContinue; 'after piped'
            Send-KakaoMemo -Text 'ignored' -ErrorAction Ignore; 'after ignore'
            'recorded: ' + (($Error | ForEach-Object { $_.FullyQualifiedErrorId.Split(',')[0] }) -join ' ')
            try { Send-KakaoMemo -Text 'default' } catch { 'caught: ' + $_.FullyQualifiedErrorId.Split(',')[0] }
            """;

        var result = (await PwshProcess.RunAsync(script, Environment())).Succeeded();

        Assert.Equal(
            new[]
            {
                "after not connected", "after too long", "after bad template", "after piped", "after ignore",
                // $Error lists the newest first; Ignore records nothing, and the piped -Each stopped after its first error.
                "recorded: NotConnected InvalidTemplate MemoTooLong NotConnected",
                "caught: NotConnected",
            },
            Lines(result.Output));
        Assert.Equal(string.Empty, result.Error.Trim());
    }

    [Fact]
    public async Task Get_KakaoContext_while_logged_out_returns_nothing_and_writes_no_error()
    {
        const string script = """
            $context = Get-KakaoContext -ErrorAction Stop
            "count=$(@($context).Count) errors=$($Error.Count)"
            Get-KakaoContext -Verbose 4>&1 | ForEach-Object { "verbose: $_" }
            """;

        var result = (await PwshProcess.RunAsync(script, Environment())).Succeeded();

        Assert.Equal(new[] { "count=0 errors=0", $"verbose: Not connected to Kakao: there is no token file at '{_folder.TokenPath}'." }, Lines(result.Output));
    }

    [Fact]
    public async Task A_mistyped_TokenPath_is_told_that_nothing_is_there_and_is_not_sent_to_Connect_Kakao()
    {
        const string script = """
            foreach ($command in { Send-KakaoMemo -Text x -TokenPath ./kakao_tokne.json }, { Get-KakaoContext -TokenPath ./kakao_tokne.json }, { Get-KakaoScope -TokenPath ./kakao_tokne.json }) {
                try { & $command } catch { "$($_.FullyQualifiedErrorId.Split(',')[0])|$($_.Exception.Message)|$($_.ErrorDetails.RecommendedAction)" }
            }
            """;

        var result = (await PwshProcess.RunAsync(script, Environment(), location: _folder.Path)).Succeeded();

        var lines = Lines(result.Output);
        Assert.Equal(3, lines.Length);
        foreach (var line in lines)
        {
            var (id, message, action) = (line.Split('|')[0], line.Split('|')[1], line.Split('|')[2]);
            Assert.Equal("NotConnected", id);
            Assert.Equal($"There is no token file at '{_folder.File("kakao_tokne.json")}', the path given to -TokenPath.", message);
            Assert.StartsWith("Check the -TokenPath value for a typo.", action);
            Assert.DoesNotContain("Connect-Kakao", action);
        }
    }

    private Dictionary<string, string?> Environment() => new()
    {
        ["KAKAOPS_TOKEN_PATH"] = _folder.TokenPath,
        ["KAKAOPS_API_URL"] = "http://127.0.0.1:9",
        ["KAKAOPS_AUTH_URL"] = "http://127.0.0.1:9",
        ["LANG"] = "C.UTF-8",
        ["LC_ALL"] = "C.UTF-8",
    };

    private static string[] Lines(string output) =>
        output.Split('\n', System.StringSplitOptions.RemoveEmptyEntries | System.StringSplitOptions.TrimEntries);
}
