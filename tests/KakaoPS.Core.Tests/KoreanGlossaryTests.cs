using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using KakaoPS.Tests.Infrastructure;

namespace KakaoPS.Core.Tests;

/// <summary>
/// One Korean term per concept: docs/ko-KR/glossary.md lists, per concept, the term KakaoPS uses and the
/// variants it does not; none of those variants may appear in the ko-KR messages or the Korean help.
/// </summary>
public sealed class KoreanGlossaryTests
{
    private static readonly string Glossary = Path.Combine(Repository.Root, "docs", "ko-KR", "glossary.md");

    /// <summary>Every `variant` in the glossary's third column, with the term to use instead.</summary>
    private static List<(string Variant, string Term)> Variants() =>
        File.ReadAllLines(Glossary)
            .Where(line => line.StartsWith("| ", System.StringComparison.Ordinal))
            .Select(line => line.Split('|', System.StringSplitOptions.TrimEntries))
            .Where(cells => cells.Length >= 5 && cells[3].Contains('`'))
            .SelectMany(cells => Regex.Matches(cells[3], "`([^`]+)`").Select(m => (m.Groups[1].Value, cells[2])))
            .ToList();

    private static IEnumerable<string> KoreanFiles() =>
        Directory.GetFiles(Path.Combine(Repository.CoreSource, "Resources"), "*.ko-KR.resx")
            .Concat(Directory.GetFiles(Path.Combine(Repository.Root, "docs", "ko-KR"), "*.md").Where(f => f != Glossary));

    [Fact]
    public void The_glossary_names_variants_for_the_concepts_that_varied()
    {
        var variants = Variants().Select(v => v.Variant).ToList();

        Assert.Contains("refresh token", variants);
        Assert.Contains("동의 항목", variants);
        Assert.Contains("해시테이블", variants);
        Assert.Contains("주소창", variants);
        Assert.Contains("인자", variants);
    }

    [Fact]
    public void Korean_messages_and_help_use_only_the_glossarys_terms()
    {
        var found = new List<string>();
        foreach (var file in KoreanFiles())
        {
            var lines = File.ReadAllLines(file);
            for (var i = 0; i < lines.Length; i++)
            {
                foreach (var (variant, term) in Variants())
                {
                    if (lines[i].Contains(variant, System.StringComparison.OrdinalIgnoreCase))
                    {
                        found.Add($"{Path.GetFileName(file)}:{i + 1}: '{variant}' (write '{term}')");
                    }
                }
            }
        }

        Assert.True(found.Count == 0, string.Join("\n", found));
    }
}
