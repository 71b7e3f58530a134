using System.Collections.Generic;
using System.IO;
using System.Threading.Tasks;
using KakaoPS.Tests.Infrastructure;

namespace KakaoPS.Tests.Module;

/// <summary>-WhatIf in a real shell, where its message reaches the console: the message in words, in the UI culture's language.</summary>
public sealed class SendKakaoMemoWhatIfTests : System.IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    public static TheoryData<string, string[]> Locales() => new()
    {
        {
            "C.UTF-8", new[]
            {
                """What if: Send to your KakaoTalk chat with yourself (나와의 채팅): a list message "오늘의 배포"; 2 items: api, web; link https://example.com/d""",
                """What if: Send to your KakaoTalk chat with yourself (나와의 채팅): a text message "build ok 🚀 ↵ second line"; link https://developers.kakao.com; buttons: 로그 (https://example.com/log)""",
                """What if: Send to your KakaoTalk chat with yourself (나와의 채팅): message template 12 from the Kakao Developers console; arguments job=nightly""",
                """What if: Send to your KakaoTalk chat with yourself (나와의 채팅): a scrap of the page https://example.com/news/1""",
            }
        },
        {
            "ko_KR.UTF-8", new[]
            {
                """What if: 나와의 채팅으로 보내기: 리스트 메시지 "오늘의 배포", 항목 2개: api, web, 링크 https://example.com/d""",
                """What if: 나와의 채팅으로 보내기: 텍스트 메시지 "build ok 🚀 ↵ second line", 링크 https://developers.kakao.com, 버튼: 로그(https://example.com/log)""",
                """What if: 나와의 채팅으로 보내기: 카카오 디벨로퍼스에서 만든 메시지 템플릿 12, 인수 job=nightly""",
                """What if: 나와의 채팅으로 보내기: https://example.com/news/1 페이지 스크랩""",
            }
        },
    };

    [Theory]
    [MemberData(nameof(Locales))]
    public async Task WhatIf_describes_every_kind_of_message_in_words_in_the_UI_culture_language_without_a_login(string locale, string[] expected)
    {
        var result = (await PwshProcess.RunAsync(Script, Environment(locale))).Succeeded();

        var lines = result.Output.Split('\n', System.StringSplitOptions.RemoveEmptyEntries | System.StringSplitOptions.TrimEntries);
        Assert.Equal(expected, lines);
        Assert.False(File.Exists(_folder.TokenPath));
    }

    private const string Script = """
        New-KakaoListTemplate '오늘의 배포' -Content @{ Title = 'api' }, @{ Title = 'web' } -WebUrl https://example.com/d | Send-KakaoMemo -WhatIf
        "build ok 🚀`nsecond line" | Send-KakaoMemo -Button @{ Title = '로그'; WebUrl = 'https://example.com/log' } -WhatIf
        Send-KakaoMemo -TemplateId 12 -TemplateArgs @{ job = 'nightly' } -WhatIf
        Send-KakaoMemo -ScrapUrl https://example.com/news/1 -WhatIf
        """;

    private Dictionary<string, string?> Environment(string locale) => new()
    {
        ["KAKAOPS_TOKEN_PATH"] = _folder.TokenPath,
        ["KAKAOPS_API_URL"] = "http://127.0.0.1:9",
        ["LANG"] = locale,
        ["LC_ALL"] = locale,
    };
}
