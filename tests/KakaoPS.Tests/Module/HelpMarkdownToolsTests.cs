using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using KakaoPS.Tests.Infrastructure;

namespace KakaoPS.Tests.Module;

/// <summary>The way help grows with the module: docs/New-HelpMarkdown.ps1 writes what is missing, docs/Build-Help.ps1 compiles it.</summary>
public sealed class HelpMarkdownToolsTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task A_missing_page_and_a_missing_parameter_get_skeletons_that_compile_and_leave_prose_alone()
    {
        var docs = Path.Combine(Repository.Root, "docs", "en-US");
        var copy = Directory.CreateDirectory(Path.Combine(_folder.Path, "docs", "en-US")).FullName;
        foreach (var page in Directory.GetFiles(docs, "*.md").Where(p => !p.EndsWith("Get-KakaoContext.md")))
        {
            File.Copy(page, Path.Combine(copy, Path.GetFileName(page)));
        }

        // Take -Each out of Send-KakaoMemo's page, as if the parameter were new.
        var send = Path.Combine(copy, "Send-KakaoMemo.md");
        var withoutEach = Regex.Replace(File.ReadAllText(send), @"(?ms)^### -Each\n.*?(?=^### )", "");
        File.WriteAllText(send, withoutEach);

        var environment = new Dictionary<string, string?> { ["TEST_DOCS"] = Path.Combine(_folder.Path, "docs"), ["TEST_OUT"] = _folder.File("out") };
        var script = $"""
            & '{Path.Combine(Repository.Root, "docs", "New-HelpMarkdown.ps1")}' -ModulePath '{Repository.PublishedManifest}' -Culture en-US -DocsPath $env:TEST_DOCS
            & '{Path.Combine(Repository.Root, "docs", "Build-Help.ps1")}' -Source $env:TEST_DOCS -Destination $env:TEST_OUT
            """;
        var output = (await PwshProcess.RunAsync(script, environment)).Succeeded().Output;

        Assert.Contains("Created", output);
        Assert.Contains("Added Each to", output);
        var context = File.ReadAllText(Path.Combine(copy, "Get-KakaoContext.md"));
        Assert.Contains("{{ Fill in the Synopsis }}", context);
        Assert.Contains("### -TokenPath\n{{ Fill TokenPath Description }}", context);
        var sendNow = File.ReadAllText(send);
        Assert.Contains("### -Each\n{{ Fill Each Description }}\n\n```yaml\nType: SwitchParameter\nParameter Sets: Text\n", sendNow);
        var eachBlock = sendNow[sendNow.IndexOf("### -Each", StringComparison.Ordinal)..sendNow.IndexOf("### CommonParameters", StringComparison.Ordinal)];
        Assert.Equal(withoutEach, sendNow.Replace(eachBlock, ""));

        var maml = File.ReadAllText(Path.Combine(_folder.Path, "out", "en-US", "KakaoPS.dll-Help.xml"));
        Assert.Contains("<command:name>Get-KakaoContext</command:name>", maml);
        Assert.Contains("{{ Fill Each Description }}", maml);
    }
}
