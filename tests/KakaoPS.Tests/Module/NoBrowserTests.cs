using System.Collections.Generic;
using System.IO;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using KakaoPS.Tests.Infrastructure;

namespace KakaoPS.Tests.Module;

/// <summary>
/// A headless machine, an SSH session or a container: the browser launcher fails (as xdg-open does
/// without a display, complaining on stderr). KakaoPS says once that no browser opened and shows the
/// URL; the launcher's own complaint never reaches the console, and nothing claims a browser opened.
/// </summary>
public sealed class NoBrowserTests : System.IDisposable
{
    private const string LauncherComplaint = "xdg-open: no method available for opening";

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Connect_Kakao_says_once_that_no_browser_opened_shows_the_URL_and_keeps_the_launchers_stderr_out()
    {
        var script = $$"""
            & {
                try { Connect-Kakao -RestApiKey app-key -RedirectUri 'http://127.0.0.1:{{Network.FreePort()}}/callback' -TimeoutSec 1 }
                catch { 'error: ' + $_.FullyQualifiedErrorId + ' | ' + $_.ErrorDetails.RecommendedAction }
            } 3>&1 6>&1 | ForEach-Object { "$_" }
            """;

        var result = (await PwshProcess.RunAsync(script, Environment())).Succeeded();

        var all = result.Output + result.Error;
        Assert.DoesNotContain(LauncherComplaint, all);
        Assert.DoesNotContain("Opened the browser", all);
        Assert.Single(Regex.Matches(result.Output, "Could not open a browser"));
        Assert.Matches(@"Could not open a browser \(/bin/sh exited with code 3\)\. Open this URL to log in: http://127\.0\.0\.1:9/oauth/authorize\?client_id=app-key&", result.Output);
        Assert.Contains("error: LoginTimedOut", result.Output);
        Assert.Contains("Open the login URL in a browser on any computer", result.Output);
        Assert.DoesNotContain("If the browser shows", result.Output);
    }

    [Fact]
    public async Task Get_KakaoAuthUrl_Open_warns_with_the_URL_and_keeps_the_launchers_stderr_out()
    {
        var result = (await PwshProcess.RunAsync("(Get-KakaoAuthUrl -RestApiKey app-key -Open 3>&1) | ForEach-Object { \"$_\" }", Environment())).Succeeded();

        Assert.DoesNotContain(LauncherComplaint, result.Output + result.Error);
        Assert.Matches(@"Could not open a browser \(/bin/sh exited with code 3\)\. Open this URL yourself: http://127\.0\.0\.1:9/oauth/authorize\?client_id=app-key&", result.Output);
    }

    /// <summary>BROWSER names a launcher that complains on stderr and exits with 3, as xdg-open does without a display.</summary>
    private Dictionary<string, string?> Environment()
    {
        var launcher = _folder.File("failing-browser.sh");
        File.WriteAllText(launcher, $"echo \"{LauncherComplaint} $1\" >&2\nexit 3\n");
        return new Dictionary<string, string?>
        {
            // Run by sh rather than executed: a file just written may be busy in a child another test forked meanwhile.
            ["BROWSER"] = "/bin/sh " + launcher,
            ["KAKAOPS_TOKEN_PATH"] = _folder.TokenPath,
            ["KAKAOPS_AUTH_URL"] = "http://127.0.0.1:9", // never reached: no browser goes there
            ["LANG"] = "C.UTF-8",
            ["LC_ALL"] = "C.UTF-8",
        };
    }
}
