using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using KakaoPS.Tests.Infrastructure;

namespace KakaoPS.Tests.Module;

/// <summary>Every output type as the console shows it (KakaoPS.format.ps1xml), in a real pwsh.</summary>
public sealed class FormatViewTests : IClassFixture<EmulatorFixture>, IDisposable
{
    private readonly EmulatorFixture _emulator;
    private readonly TempFolder _folder = new();

    public FormatViewTests(EmulatorFixture emulator)
    {
        _emulator = emulator;
    }

    public void Dispose() => _folder.Dispose();

    /// <summary>What the table shows is what Where-Object and Select-Object take.</summary>
    [Fact]
    public void Every_table_column_is_labelled_with_a_property_name()
    {
        var format = System.Xml.Linq.XDocument.Load(Path.Combine(Repository.Root, "src", "KakaoPS", "KakaoPS.format.ps1xml"));
        var models = typeof(KakaoPS.Models.KakaoContext).Assembly;
        foreach (var view in format.Descendants("View"))
        {
            var type = models.GetType(view.Element("ViewSelectedBy")!.Element("TypeName")!.Value, throwOnError: true)!;
            foreach (var label in view.Descendants("TableColumnHeader").Select(h => h.Element("Label")!.Value))
            {
                Assert.True(type.GetProperty(label) != null, $"{type.Name}'s table has a column '{label}' that is no property");
            }
        }
    }

    [Fact]
    public async Task Each_output_type_renders_through_its_view_without_tokens()
    {
        var environment = _emulator.ProcessEnvironment(_folder.TokenPath);
        environment["TEST_CODE"] = await _emulator.Control.NewCodeAsync(_emulator.RestApiKey);
        const string script = """
            $context = Connect-Kakao -Code $env:TEST_CODE
            $types = (Get-Command -Module KakaoPS).OutputType.Type | Where-Object Namespace -like 'KakaoPS*' | Sort-Object FullName -Unique
            "== types without a view: $(($types | Where-Object { -not (Get-FormatData -TypeName $_.FullName) }).FullName -join ',')"
            '== KakaoContext'; $context | Out-String -Width 200
            '== KakaoContext, every property'; $context | Format-List * | Out-String -Width 200
            '== KakaoAuthUrl'; Get-KakaoAuthUrl -Scope talk_message -State s1 | Out-String -Width 200
            '== KakaoMemoResult'; 'line 1', 'line 2' | Send-KakaoMemo -Title '한글 제목' | Out-String -Width 200
            '== KakaoMemoResult, throttled'; 1..2 | ForEach-Object { Send-KakaoMemo 'disk 91%' -Throttle 01:00:00 } | Out-String -Width 200
            '== KakaoScope'; Get-KakaoScope | Out-String -Width 200
            '== KakaoConnectionCheck'; Test-KakaoConnection | Out-String -Width 200
            '== KakaoTemplate'; New-KakaoFeedTemplate '빌드 #42 통과 ✅' -WebUrl https://example.com/builds/42 | Out-String -Width 200
            """;

        var output = (await PwshProcess.RunAsync(script, environment)).Succeeded().Output;

        Assert.Contains("== types without a view: \n", output);
        var sections = Sections(output);
        Assert.Matches(@"ClientId\s+: emulator-rest-api-key", sections["KakaoContext"]);
        Assert.Matches(@"Scopes\s+: .*talk_message", sections["KakaoContext"]);
        Assert.Contains("RefreshTokenExpiresAt", sections["KakaoContext"]);
        Assert.Matches(@"TokenPath\s+: " + System.Text.RegularExpressions.Regex.Escape(_folder.TokenPath), sections["KakaoContext"]);
        Assert.Matches(@"Url\s+: http://127\.0\.0\.1:\d+/oauth/authorize\?", sections["KakaoAuthUrl"]);
        Assert.Matches(@"Scope\s+: talk_message", sections["KakaoAuthUrl"]);
        Assert.Matches(@"Success\s+Suppressed\s+Part\s+TemplateType\s+Truncated\s+SentAt\s+Text", sections["KakaoMemoResult"]);
        Assert.Matches(@"True\s+False\s+1/1\s+text\s+False\s+\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\s+한글 제목 line 1 line 2", sections["KakaoMemoResult"]);
        // A held-back message was never sent: no time in SentAt.
        Assert.Matches(@"\nFalse\s+True\s+1/1\s+text\s+False\s+disk 91%", sections["KakaoMemoResult, throttled"]);
        Assert.Matches(@"Id\s+Agreed\s+Type\s+DisplayName", sections["KakaoScope"]);
        Assert.Matches(@"talk_message\s+True\s+SERVICE", sections["KakaoScope"]);
        Assert.Matches(@"Check\s+Status\s+Message\s+Remedy", sections["KakaoConnectionCheck"]);
        Assert.Matches(@"TalkMessageConsent\s+Passed", sections["KakaoConnectionCheck"]);
        Assert.Matches(@"ObjectType\s+Json", sections["KakaoTemplate"]);
        Assert.Matches(@"feed\s+\{""object_type"":""feed"",""content"":\{""title"":""빌드 #42 통과 ✅"",""link"":\{""web_url"":""https://example\.com/builds/42""", sections["KakaoTemplate"]);

        using var tokens = JsonDocument.Parse(File.ReadAllText(_folder.TokenPath));
        foreach (var field in new[] { "access_token", "refresh_token" })
        {
            var secret = tokens.RootElement.GetProperty(field).GetString()!;
            Assert.True(secret.Length > 8);
            Assert.DoesNotContain(secret, output);
        }
    }

    private static Dictionary<string, string> Sections(string output)
    {
        var sections = new Dictionary<string, string>();
        foreach (var part in output.Split("== ", StringSplitOptions.RemoveEmptyEntries))
        {
            var newline = part.IndexOf('\n');
            sections[part[..newline].Trim()] = part[(newline + 1)..];
        }

        return sections;
    }
}
