using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using KakaoPS.Tests.Infrastructure;

namespace KakaoPS.Tests.Module;

/// <summary>Every help topic as an 80-column console shows it, in each culture the module ships.</summary>
public sealed class HelpLayoutTests
{
    private const int HelpWidth = 80;

    /// <summary>Code in about_KakaoPS is not wrapped, so that it stays runnable; it may be a little wider.</summary>
    private const int CodeWidth = 110;

    private const string Render = """
        $topics = [ordered]@{}
        foreach ($command in Get-Command -Module KakaoPS -CommandType Cmdlet) {
            $topics[$command.Name] = Get-Help $command.Name -Full | Out-String -Width 80
        }
        $topics['about_KakaoPS'] = Get-Help about_KakaoPS | Out-String -Width 80
        $file = Join-Path (Get-Module KakaoPS).ModuleBase ([cultureinfo]::CurrentUICulture.Name) 'about_KakaoPS.help.txt'
        $topics['about_KakaoPS.help.txt'] = Get-Content -Raw -Encoding utf8 $file
        $topics | ConvertTo-Json -Compress
        """;

    [Theory]
    [InlineData("en_US.UTF-8")]
    [InlineData("ko_KR.UTF-8")]
    public async Task No_paragraph_break_falls_inside_a_sentence(string lang)
    {
        var topics = await RenderAsync(lang);

        var problems = new List<string>();
        foreach (var (name, text) in topics.Where(t => !t.Key.EndsWith(".txt")))
        {
            var blocks = Regex.Split(text.Replace("\r\n", "\n"), @"\n[ \t]*\n").Select(b => b.Trim('\n')).Where(b => b.Trim().Length > 0).ToList();
            for (var i = 1; i < blocks.Count; i++)
            {
                // Example code: after an example's title in cmdlet help, indented by 8 in an about topic.
                var code = blocks[i - 1].TrimStart().StartsWith("PS ") || (i >= 2 && blocks[i - 2].Trim().StartsWith("-----"))
                    || (name.StartsWith("about_") && Indent(blocks[i - 1].Split('\n')[^1]) > 4);
                var heading = Indent(blocks[i].Split('\n')[0]) == 0;
                var before = blocks[i - 1].Split('\n')[^1].Trim();
                var after = blocks[i].Split('\n')[0].Trim();
                if (!code && !heading && !after.StartsWith("http") && MidSentence(before, after))
                {
                    problems.Add($"{name}: \"…{Tail(before)}\" / \"{Head(after)}…\"");
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Theory]
    [InlineData("en_US.UTF-8")]
    [InlineData("ko_KR.UTF-8")]
    public async Task No_line_of_about_KakaoPS_is_wider_than_the_help(string lang)
    {
        var text = (await RenderAsync(lang))["about_KakaoPS.help.txt"];

        var lines = text.Replace("\r\n", "\n").Split('\n');

        var wide = lines.Where(l => Width(l) > CodeWidth).ToList();
        Assert.True(wide.Count == 0, $"{wide.Count} line(s) over {CodeWidth} columns:\n" + string.Join("\n", wide));
        // Prose: a line that ends a sentence or a clause is prose, and prose is wrapped to the help width.
        var prose = lines.Where(l => Width(l) > HelpWidth && Regex.IsMatch(l, @"\p{L}[.,]$")).ToList();
        Assert.True(prose.Count == 0, $"{prose.Count} line(s) of text over {HelpWidth} columns:\n" + string.Join("\n", prose));
    }

    /// <summary>A paragraph that ends without closing its sentence, followed by one that carries it on.</summary>
    private static bool MidSentence(string before, string after)
    {
        if (before.Length == 0 || after.Length == 0 || before.StartsWith("-----") || before.StartsWith("PS "))
        {
            return false;
        }

        var last = before[^1];
        var first = after[0];
        var open = char.IsLetterOrDigit(last) || last == ',' || last == '(';
        var hangul = last >= '\uAC00' && last <= '\uD7A3';
        // English carries on in lower case; Korean prose ends its sentences with punctuation, so an open
        // Hangul ending followed by more Hangul prose is one sentence split in two.
        return open && (char.IsLower(first) || (hangul && first >= '\uAC00' && first <= '\uD7A3' && !after.Contains(" : ")));
    }

    private static int Indent(string line) => line.Length - line.TrimStart(' ').Length;

    private static int Width(string line) => line.Sum(c => c >= '\u1100' && (c <= '\u115F' || (c >= '\u2E80' && c <= '\uD7A3') || (c >= '\uF900' && c <= '\uFAFF') || (c >= '\uFF00' && c <= '\uFF60')) ? 2 : 1);

    private static string Tail(string text) => text.Length > 40 ? text[^40..] : text;

    private static string Head(string text) => text.Length > 40 ? text[..40] : text;

    private static async Task<Dictionary<string, string>> RenderAsync(string lang)
    {
        var environment = new Dictionary<string, string?> { ["LANG"] = lang, ["LC_ALL"] = lang };
        var result = (await PwshProcess.RunAsync(Render, environment)).Succeeded();
        return JsonSerializer.Deserialize<Dictionary<string, string>>(result.Output)!;
    }
}
