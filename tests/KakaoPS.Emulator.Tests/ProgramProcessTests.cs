using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;

namespace KakaoPS.Emulator.Tests;

/// <summary>The emulator as users start it: a child process that prints where it listens and stops on SIGTERM.</summary>
public sealed class ProgramProcessTests
{
    [Fact]
    public async Task Prints_urls_and_variables_without_secrets_serves_and_stops_on_sigterm()
    {
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { Path.Combine(AppContext.BaseDirectory, "KakaoPS.Emulator.dll"), "--client-secret", "child-secret-value", "--auto-consent" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        try
        {
            var output = new List<string>();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
            {
                output.Add(line);
                if (line.StartsWith("Press Ctrl+C")) break;
            }
            var text = string.Join('\n', output);
            var baseUrl = output.Single(l => l.StartsWith("  KAKAOPS_AUTH_URL=")).Split('=')[1];
            Assert.Contains($"  KAKAOPS_API_URL={baseUrl}", output);
            // Its users are PowerShell users: the same variables, ready to paste.
            Assert.Contains($"  $env:KAKAOPS_AUTH_URL = '{baseUrl}'", output);
            Assert.Contains($"  $env:KAKAOPS_API_URL = '{baseUrl}'", output);
            Assert.Contains($"  $env:KAKAO_REST_API_KEY = '{EmulatorDefaults.RestApiKey}'", output);
            Assert.Matches("^http://127\\.0\\.0\\.1:[0-9]+$", baseUrl);
            Assert.Contains("    http://127.0.0.1:8400/callback", output);
            Assert.Contains(EmulatorDefaults.RestApiKey, text);
            Assert.DoesNotContain("child-secret-value", text);

            using var http = new HttpClient { BaseAddress = new Uri(baseUrl) };
            var apps = await http.GetFromJsonAsync<JsonElement>("/_emulator/apps");
            Assert.True(apps[0].GetProperty("clientSecretEnabled").GetBoolean());

            using var kill = Process.Start("kill", ["-TERM", process.Id.ToString()]);
            await kill.WaitForExitAsync(timeout.Token);
            await process.WaitForExitAsync(timeout.Token);
            Assert.Equal(0, process.ExitCode);
            Assert.Equal("", (await process.StandardOutput.ReadToEndAsync()) + (await process.StandardError.ReadToEndAsync()));
        }
        finally
        {
            if (!process.HasExited) process.Kill();
        }
    }
}
