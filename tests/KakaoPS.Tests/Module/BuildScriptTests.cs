using System;
using System.Diagnostics;
using System.IO;
using System.Threading.Tasks;
using KakaoPS.Tests.Infrastructure;

namespace KakaoPS.Tests.Module;

/// <summary>build.ps1 as a user on a fresh machine runs it.</summary>
public sealed class BuildScriptTests
{
    [Fact]
    public async Task Test_task_that_cannot_install_a_missing_browser_stops_before_any_test_with_the_command_to_run()
    {
        // -NoInstall stands in for a user who is not root; the browser is missing because it points at nothing.
        var result = await RunBuildScriptAsync("-Task", "Test", "-NoInstall");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("KAKAOPS_TEST_BROWSER is set to", result.Output);
        if (File.Exists("/etc/debian_version"))
        {
            Assert.Contains("apt-get update && apt-get install -y --no-install-recommends chromium", result.Output);
        }

        Assert.DoesNotContain("passed,", result.Output);
        Assert.DoesNotContain("published to", result.Output);
    }

    private static async Task<ProcessResult> RunBuildScriptAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Repository.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "pwsh", "-NoProfile", "-NonInteractive", "-File", Path.Combine(Repository.Root, "build.ps1") })
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["KAKAOPS_TEST_BROWSER"] = Path.Combine(Path.GetTempPath(), "no-such-folder", "chromium");
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        var exited = process.WaitForExitAsync();
        if (await Task.WhenAny(exited, Task.Delay(TimeSpan.FromSeconds(120))) != exited)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("build.ps1 did not stop before the tests");
        }

        return new ProcessResult(process.ExitCode, await stdout, await stderr);
    }
}
