using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;
using KakaoPS.Tests.Infrastructure;
using Xunit.Abstractions;
using KakaoPS.Tokens;

namespace KakaoPS.Tests.Module;

/// <summary>The token cache shared by real `dotnet pwsh` processes: parallel refreshes and killed writers.</summary>
public sealed class TokenCacheProcessTests : IClassFixture<EmulatorFixture>, IDisposable
{
    private const int Processes = 8;

    private readonly EmulatorFixture _emulator;
    private readonly ITestOutputHelper _output;
    private readonly TempFolder _folder = new();

    public TokenCacheProcessTests(EmulatorFixture emulator, ITestOutputHelper output)
    {
        _emulator = emulator;
        _output = output;
    }

    public void Dispose() => _folder.Dispose();

    private Dictionary<string, string?> Environment => _emulator.ProcessEnvironment(_folder.TokenPath);

    [Fact]
    public async Task Eight_processes_refreshing_at_once_all_send_and_keep_a_working_refresh_token()
    {
        // The refresh token is inside its last 30 days, so the refresh rotates it and kills the old one.
        await TokenFiles.WriteAsync(_emulator, _folder.TokenPath, accessExpired: true, refreshExpiresIn: 7 * 24 * 3600);
        var grantsBefore = (await _emulator.Control.TokensAsync()).GetProperty("refreshGrants").GetInt32();

        var runs = await Task.WhenAll(Enumerable.Range(1, Processes).Select(i =>
            PwshProcess.RunAsync($"Send-KakaoMemo -Text 'process {i}' -Verbose -Debug *>&1", Environment)));

        foreach (var run in runs)
        {
            run.Succeeded();
        }

        var refreshes = (await _emulator.Control.TokensAsync()).GetProperty("refreshGrants").GetInt32() - grantsBefore;
        _output.WriteLine($"{Processes} processes, {refreshes} refresh(es) at Kakao");
        Assert.InRange(refreshes, 1, Processes);
        Assert.Equal(Enumerable.Range(1, Processes).Select(i => $"process {i}").Order(), (await _emulator.Control.MemoTextsAsync()).Order());

        var saved = new TokenStore(_folder.TokenPath).Read()!;
        Assert.True(await RefreshIsAcceptedAsync(saved.RefreshToken!), "Kakao refused the refresh token left in the file.");
        AssertNoIssuedToken(await _emulator.Control.IssuedTokensAsync(), runs.SelectMany(r => new[] { r.Output, r.Error }));
    }

    [Fact]
    public async Task A_writer_killed_at_any_moment_leaves_the_old_or_the_new_file()
    {
        // A pwsh loop rewriting the cache as fast as it can, each version padded (under the 64 KB a token file may have) so writes take a while.
        const string writer = """
            # The store is internal to the module: reach it through the assembly.
            $assembly = [KakaoPS.Models.KakaoContext].Assembly
            $store = [Activator]::CreateInstance($assembly.GetType('KakaoPS.Tokens.TokenStore'), @($env:KAKAOPS_TOKEN_PATH))
            $parse = $assembly.GetType('KakaoPS.Tokens.TokenSet').GetMethod('Parse')
            $padding = 'x' * 60000
            for ($i = 1; ; $i++) {
                $json = '{"access_token":"generation-' + $i + '","refresh_token":"refresh-' + $i + '","expires_in":21599,"padding":"' + $padding + '"}'
                $tokens = $parse.Invoke($null, @([System.Text.Encoding]::UTF8.GetBytes($json), [DateTimeOffset]::UtcNow))
                $store.Write($tokens)
                if ($i -eq 1) { [Console]::Out.WriteLine('writing'); [Console]::Out.Flush() }
            }
            """;
        // Four writers, each on its own file, started together so their start-up overlaps.
        var writers = Enumerable.Range(1, 4).Select(i => (Path: _folder.File($"w{i}/{TokenStore.FileName}"), Process: StartWriter(writer, _folder.File($"w{i}/{TokenStore.FileName}")))).ToList();
        var random = new Random();
        try
        {
            foreach (var (path, process) in writers)
            {
                Assert.Equal("writing", await process.StandardOutput.ReadLineAsync());
                await Task.Delay(random.Next(0, 150));
                // SIGKILL on Unix, to the whole tree: `dotnet pwsh` runs PowerShell in a child process.
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();

                var tokens = new TokenStore(path).Read();
                Assert.NotNull(tokens);
                Assert.StartsWith("generation-", tokens!.AccessToken);
                Assert.Equal(tokens.AccessToken.Replace("generation-", "refresh-"), tokens.RefreshToken);
                Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(path)!, "*.corrupt-*"));
                _output.WriteLine($"killed while writing {path}: it holds {tokens.AccessToken}");
            }
        }
        finally
        {
            foreach (var (_, process) in writers)
            {
                process.Kill(entireProcessTree: true);
                process.Dispose();
            }
        }
    }

    private static Process StartWriter(string script, string tokenPath)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = Repository.Root, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in new[] { "pwsh", "-NoLogo", "-NoProfile", "-NonInteractive", "-Command", $"Import-Module '{Repository.PublishedManifest}'; {script}" })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["KAKAOPS_TOKEN_PATH"] = tokenPath;
        return Process.Start(start)!;
    }

    private async Task<bool> RefreshIsAcceptedAsync(string refreshToken)
    {
        using var http = new HttpClient();
        using var response = await http.PostAsync(_emulator.BaseUrl + "/oauth/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token",
            ["client_id"] = _emulator.RestApiKey,
            ["refresh_token"] = refreshToken,
        }));
        return response.IsSuccessStatusCode && JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.TryGetProperty("access_token", out _);
    }

    private static void AssertNoIssuedToken(IReadOnlyCollection<string> tokens, IEnumerable<string> texts)
    {
        var leaks = IssuedTokenLog.Leaks(tokens, texts);
        Assert.True(leaks.Count == 0, $"{leaks.Count} issued token(s) appeared in the processes' output (not printed here).");
    }
}
