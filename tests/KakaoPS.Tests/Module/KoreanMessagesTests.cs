using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using KakaoPS.Tests.Infrastructure;

namespace KakaoPS.Tests.Module;

/// <summary>
/// A user whose system speaks Korean (LANG=ko_KR.UTF-8, so the UI culture is ko-KR) reads KakaoPS's
/// errors in Korean, with the same ErrorIds a script written against the English messages branches on.
/// </summary>
public sealed class KoreanMessagesTests : IClassFixture<EmulatorFixture>, IDisposable
{
    private const string Script = """
        function Show($block) {
            try { & $block; 'no error' } catch { "{0}|{1}|{2}" -f $_.FullyQualifiedErrorId, $_.Exception.Message, $_.ErrorDetails.RecommendedAction }
        }
        $null = Connect-Kakao -Code $env:TEST_CODE
        Show { Connect-Kakao -Code $env:TEST_CODE }
        Show { Send-KakaoMemo -Text 'x' -TokenPath (Join-Path $env:TEST_FOLDER 'nobody.json') }
        Show { Get-KakaoAuthUrl -RestApiKey ' ' }
        """;

    private readonly EmulatorFixture _emulator;
    private readonly TempFolder _folder = new();

    public KoreanMessagesTests(EmulatorFixture emulator)
    {
        _emulator = emulator;
    }

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Under_a_Korean_system_locale_errors_read_in_Korean_with_the_same_ErrorIds()
    {
        var korean = await RunAsync("ko_KR.UTF-8");
        var english = await RunAsync("C.UTF-8");

        Assert.Equal(english.Select(e => e.Id), korean.Select(e => e.Id));

        var (usedCode, notConnected, emptyKey) = (korean[0], korean[1], korean[2]);
        Assert.StartsWith("KOE320,", usedCode.Id);
        Assert.Contains("코드는 한 번만", usedCode.Message);
        Assert.Contains("Get-KakaoAuthUrl", usedCode.Action);
        Assert.Contains("로그인", usedCode.Action);
        Assert.DoesNotContain("already", usedCode.Message + usedCode.Action);

        Assert.StartsWith("NotConnected,", notConnected.Id);
        Assert.Contains("-TokenPath로 지정한", notConnected.Message);
        Assert.Contains("오타", notConnected.Action);

        Assert.StartsWith("MissingRestApiKey,", emptyKey.Id);
        Assert.Equal("-RestApiKey가 비어 있습니다.", emptyKey.Message);
        Assert.Contains("카카오 디벨로퍼스", emptyKey.Action);

        Assert.Contains("already", english[0].Message);
        Assert.Equal("-RestApiKey is empty.", english[2].Message);
    }

    private async Task<List<(string Id, string Message, string Action)>> RunAsync(string locale)
    {
        var environment = _emulator.ProcessEnvironment(_folder.File(locale + ".json"));
        environment["TEST_CODE"] = await _emulator.Control.NewCodeAsync(_emulator.RestApiKey);
        environment["TEST_FOLDER"] = _folder.Path;
        environment["LANG"] = locale;
        environment["LC_ALL"] = locale;

        var result = (await PwshProcess.RunAsync(Script, environment)).Succeeded();
        var lines = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(3, lines.Length);
        return lines.Select(line => line.Split('|')).Select(parts => (parts[0], parts[1], parts[2])).ToList();
    }
}
