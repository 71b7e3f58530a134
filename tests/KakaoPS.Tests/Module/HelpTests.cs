using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using KakaoPS.Tests.Infrastructure;

namespace KakaoPS.Tests.Module;

/// <summary>
/// Get-Help of the published module, in each culture it ships. Cmdlets and parameters are taken
/// from Get-Command, so one added without help fails here.
/// </summary>
public sealed class HelpTests
{
    // Everything Get-Help says about every exported cmdlet, as JSON, from a pwsh in the given culture.
    private const string HelpReport = """
        $common = [System.Management.Automation.Cmdlet]::CommonParameters
        $text = { param($items) (@($items) | ForEach-Object { $_.Text }) -join ' ' }
        $cmdlets = foreach ($command in Get-Command -Module KakaoPS -CommandType Cmdlet) {
            $help = Get-Help $command.Name -Full
            $described = @{}
            foreach ($parameter in @($help.parameters.parameter)) {
                if ($parameter) { $described[$parameter.name] = & $text $parameter.description }
            }
            [pscustomobject]@{
                Name        = $command.Name
                Synopsis    = "$($help.Synopsis)"
                Description = & $text $help.description
                Examples    = @($help.examples.example | ForEach-Object { "$($_.code)" })
                Parameters  = @($command.Parameters.Keys | Where-Object { $_ -notin $common } | ForEach-Object {
                    [pscustomobject]@{ Name = $_; Description = "$($described[$_])" } })
                Outputs     = @($help.returnValues.returnValue | ForEach-Object { "$($_.type.name)" })
                Links       = @($help.relatedLinks.navigationLink).Count
            }
        }
        [pscustomobject]@{
            Culture = [cultureinfo]::CurrentUICulture.Name
            About   = Get-Help about_KakaoPS | Out-String
            Cmdlets = @($cmdlets)
        } | ConvertTo-Json -Depth 5 -Compress
        """;

    [Theory]
    [InlineData("en-US", "en_US.UTF-8")]
    [InlineData("ko-KR", "ko_KR.UTF-8")]
    public async Task Every_cmdlet_has_full_help_in_the_culture(string culture, string lang)
    {
        var report = await GetReportAsync(lang);

        Assert.Equal(culture, report.GetProperty("Culture").GetString());
        var cmdlets = report.GetProperty("Cmdlets").EnumerateArray().ToList();
        Assert.True(cmdlets.Count >= 6, $"only {cmdlets.Count} cmdlets exported");
        var problems = new List<string>();
        foreach (var cmdlet in cmdlets)
        {
            var name = cmdlet.GetProperty("Name").GetString();
            var synopsis = cmdlet.GetProperty("Synopsis").GetString()!;
            var description = cmdlet.GetProperty("Description").GetString()!;
            var examples = cmdlet.GetProperty("Examples").EnumerateArray().Select(e => e.GetString()!).ToList();

            // Without MAML, Get-Help makes up a synopsis from the syntax.
            if (string.IsNullOrWhiteSpace(synopsis) || synopsis.StartsWith(name + " ") || synopsis.Contains("{{"))
            {
                problems.Add($"{name}: no synopsis ({synopsis})");
            }

            if (culture == "ko-KR" && !HasHangul(synopsis))
            {
                problems.Add($"{name}: the ko-KR synopsis is not Korean ({synopsis})");
            }

            if (description.Length < 80 || description.Contains("{{"))
            {
                problems.Add($"{name}: no description");
            }

            if (examples.Count < 2 || examples.Any(e => e.Trim().Length == 0 || e.Contains("{{")))
            {
                problems.Add($"{name}: {examples.Count} example(s), two or more with code needed");
            }

            if (!examples.Any(e => e.Contains('|')))
            {
                problems.Add($"{name}: no example with a pipeline");
            }

            // Help speaks only of properties the output has (the output of Get-KakaoScope has no Attempts).
            var outputs = cmdlet.GetProperty("Outputs").EnumerateArray()
                .Select(o => typeof(KakaoPS.Models.KakaoContext).Assembly.GetType(o.GetString()!))
                .Where(t => t != null).ToList();
            foreach (var parameter in cmdlet.GetProperty("Parameters").EnumerateArray())
            {
                var text = parameter.GetProperty("Description").GetString()!;
                if (text.Contains("Attempts") && !outputs.Any(t => t!.GetProperty("Attempts") != null))
                {
                    problems.Add($"{name} -{parameter.GetProperty("Name").GetString()}: speaks of an Attempts property its output lacks");
                }

                if (text.Trim().Length < 10 || text.Contains("{{"))
                {
                    problems.Add($"{name} -{parameter.GetProperty("Name").GetString()}: not described");
                }
            }

            if (cmdlet.GetProperty("Outputs").GetArrayLength() == 0 || cmdlet.GetProperty("Links").GetInt32() == 0)
            {
                problems.Add($"{name}: no OUTPUTS or RELATED LINKS");
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Theory]
    [InlineData("en_US.UTF-8", "TROUBLESHOOTING", "Connect-Kakao -RefreshToken")]
    [InlineData("ko_KR.UTF-8", "문제 해결", "리프레시 토큰")]
    public async Task about_KakaoPS_is_shown_in_the_culture(string lang, string heading, string text)
    {
        var about = (await GetReportAsync(lang)).GetProperty("About").GetString()!;

        Assert.StartsWith("TOPIC", about.TrimStart());
        Assert.Contains(heading, about);
        Assert.Contains(text, about);
        foreach (var code in new[] { "KOE006", "KOE010", "KOE320", "KOE322", "-402", "talk_message", "KAKAO_REFRESH_TOKEN" })
        {
            Assert.Contains(code, about);
        }
    }

    // One pwsh per culture serves both tests.
    private static readonly ConcurrentDictionary<string, Task<JsonElement>> Reports = new();

    private static Task<JsonElement> GetReportAsync(string lang) => Reports.GetOrAdd(lang, RunReportAsync);

    private static async Task<JsonElement> RunReportAsync(string lang)
    {
        var environment = new Dictionary<string, string?> { ["LANG"] = lang, ["LC_ALL"] = lang };
        var result = (await PwshProcess.RunAsync(HelpReport, environment)).Succeeded();
        return JsonDocument.Parse(result.Output).RootElement.Clone();
    }

    private static bool HasHangul(string text) => text.Any(c => c >= '\uAC00' && c <= '\uD7A3');
}
