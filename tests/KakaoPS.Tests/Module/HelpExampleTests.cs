using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using KakaoPS.Tests.Infrastructure;

namespace KakaoPS.Tests.Module;

/// <summary>
/// Every example in the cmdlet help that needs no real Kakao account runs, as written, in the
/// published module against the emulator. Commands outside KakaoPS (dotnet, gh, Start-Process) are
/// stood in for, and the files an example reads are made first.
/// </summary>
public sealed class HelpExampleTests : IClassFixture<EmulatorFixture>, IDisposable
{
    /// <summary>Examples that need what only a real account has, and why.</summary>
    private static readonly Dictionary<string, string> NeedARealAccount = new()
    {
        ["Connect-Kakao Example 1"] = "the REST API key of your own app and a person at the browser",
        ["Connect-Kakao Example 2"] = "the address a real consent redirected to",
        ["Send-KakaoMemo Example 8"] = "a template made in your own app's console",
    };

    private const string Runner = """
        $examples = $env:TEST_EXAMPLES | ConvertFrom-Json
        Connect-Kakao -Code $env:TEST_CODE | Out-Null
        Copy-Item $env:KAKAOPS_TOKEN_PATH ./saved_token.json
        function global:dotnet { 'Build succeeded.'; '    0 Warning(s)'; '    0 Error(s)' }
        function global:gh { $input | Out-Null }
        function global:Start-Process { param($FilePath) }
        $null = New-Item -ItemType Directory artifacts, secrets
        'a.zip', 'b.zip', 'c.zip', 'd.zip' | ForEach-Object { Set-Content "artifacts/$_" 'artifact' }
        'LoginTests.Expired failed', 'SendTests.Emoji failed' | Set-Content failed-tests.txt
        1..60 | ForEach-Object { "## 0.$_"; "- change number $_" } | Set-Content CHANGELOG.md
        $key = $env:KAKAO_REST_API_KEY
        $env:CI_KAKAO_KEY = $key
        $env:BUILD_NUMBER = '42'
        $secret = 'client-secret-of-the-app'
        foreach ($example in $examples) {
            Copy-Item ./saved_token.json $env:KAKAOPS_TOKEN_PATH -Force
            Copy-Item ./saved_token.json ./secrets/kakao_token.json -Force
            $code = $example.Code2
            $Error.Clear()
            $failure = $null
            try { $null = & ([scriptblock]::Create($example.Script)) *>&1; $failure = $Error | Select-Object -First 1 }
            catch { $failure = $_ }
            if ($failure) { "FAILED $($example.Name): $failure" } else { "PASSED $($example.Name)" }
        }
        """;

    private readonly EmulatorFixture _emulator;
    private readonly TempFolder _folder = new();

    public HelpExampleTests(EmulatorFixture emulator)
    {
        _emulator = emulator;
    }

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData("en-US")]
    [InlineData("ko-KR")]
    public async Task Every_example_that_needs_no_real_account_runs_against_the_emulator(string culture)
    {
        var examples = Examples(culture).Where(e => !NeedARealAccount.ContainsKey(e.Name)).ToList();
        // Logging out ends the saved login, and a memory-only login outlives its example: those go last.
        examples = examples.OrderBy(e => e.Name.StartsWith("Disconnect-Kakao") ? 2 : e.Name.StartsWith("Connect-Kakao") ? 1 : 0).ToList();
        var payload = new List<object>();
        foreach (var (name, script) in examples)
        {
            payload.Add(new { Name = name, Script = script, Code2 = await _emulator.Control.NewCodeAsync(_emulator.RestApiKey) });
        }

        var environment = _emulator.ProcessEnvironment(_folder.TokenPath);
        environment["BROWSER"] = "true";
        environment["TEST_CODE"] = await _emulator.Control.NewCodeAsync(_emulator.RestApiKey);
        environment["KAKAO_REFRESH_TOKEN"] = (await _emulator.Control.IssueTokensAsync()).GetProperty("refresh_token").GetString();
        environment["TEST_EXAMPLES"] = JsonSerializer.Serialize(payload);

        var output = (await PwshProcess.RunAsync(Runner, environment, _folder.Path, TimeSpan.FromMinutes(5))).Succeeded().Output;

        var lines = output.Split('\n').Where(l => l.StartsWith("PASSED ") || l.StartsWith("FAILED ")).ToList();
        Assert.Equal(examples.Count, lines.Count);
        Assert.True(examples.Count >= 30, $"only {examples.Count} examples found");
        var failed = lines.Where(l => l.StartsWith("FAILED ")).ToList();
        Assert.True(failed.Count == 0, string.Join("\n", failed));
    }

    /// <summary>Each "### Example N" code block of a culture's cmdlet pages, named "Cmdlet Example N".</summary>
    private static IEnumerable<(string Name, string Script)> Examples(string culture)
    {
        foreach (var page in Directory.GetFiles(Path.Combine(Repository.Root, "docs", culture), "*-*.md").OrderBy(p => p, StringComparer.Ordinal))
        {
            var text = File.ReadAllText(page).Replace("\r\n", "\n");
            var cmdlet = Path.GetFileNameWithoutExtension(page);
            foreach (Match match in Regex.Matches(text, @"^### [^\n]*?(\d+)[^\n]*\n```powershell\n(.*?)```", RegexOptions.Multiline | RegexOptions.Singleline))
            {
                yield return ($"{cmdlet} Example {match.Groups[1].Value}", match.Groups[2].Value);
            }
        }
    }
}
