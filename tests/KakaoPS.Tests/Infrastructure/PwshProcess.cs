using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Threading.Tasks;

namespace KakaoPS.Tests.Infrastructure;

/// <summary>
/// Runs a script in a separate `dotnet pwsh` that imports the published module, as a user's
/// shell or a CI step does.
/// </summary>
public static class PwshProcess
{
    /// <param name="manifest">The module to import; the published one when null.</param>
    public static async Task<ProcessResult> RunAsync(string script, IDictionary<string, string?> environment, string? location = null, TimeSpan? timeout = null, string? manifest = null)
    {
        manifest ??= Repository.PublishedManifest;
        if (!File.Exists(manifest))
        {
            throw new InvalidOperationException($"The published module is missing at {manifest}. Run: dotnet pwsh ./build.ps1 -Task Build");
        }

        var prologue = $"$ErrorActionPreference = 'Stop'; $ProgressPreference = 'SilentlyContinue'; Import-Module '{manifest}'; ";
        if (location != null)
        {
            prologue += $"Set-Location -LiteralPath '{location}'; ";
        }

        // `dotnet pwsh` finds the pinned tool only at or below the folder holding dotnet-tools.json.
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Repository.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "pwsh", "-NoLogo", "-NoProfile", "-NonInteractive", "-Command", prologue + script })
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        var exited = process.WaitForExitAsync();
        if (await Task.WhenAny(exited, Task.Delay(timeout ?? TimeSpan.FromSeconds(180))) != exited)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("dotnet pwsh did not finish: " + script);
        }

        return new ProcessResult(process.ExitCode, await stdout, await stderr);
    }
}

public sealed record ProcessResult(int ExitCode, string Output, string Error)
{
    public ProcessResult Succeeded()
    {
        Assert.True(ExitCode == 0, $"exit code {ExitCode}{Environment.NewLine}stdout: {Output}{Environment.NewLine}stderr: {Error}");
        return this;
    }
}
