using System.Collections.Generic;
using System.IO;
using System.Threading.Tasks;
using KakaoPS.Tests.Infrastructure;

namespace KakaoPS.Tests.Module;

/// <summary>-WhatIf in a real shell, where its message reaches the console.</summary>
public sealed class SendKakaoMemoWhatIfTests : System.IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task WhatIf_prints_the_template_JSON_of_every_kind_without_a_login()
    {
        const string script = """
            New-KakaoListTemplate '오늘의 배포' -Content @{ Title = 'api' }, @{ Title = 'web' } -WebUrl https://example.com/d | Send-KakaoMemo -WhatIf
            'build ok 🚀' | Send-KakaoMemo -Button @{ Title = '로그'; WebUrl = 'https://example.com/log' } -WhatIf
            Send-KakaoMemo -TemplateId 12 -TemplateArgs @{ job = 'nightly' } -WhatIf
            Send-KakaoMemo -ScrapUrl https://example.com/news/1 -WhatIf
            """;
        var environment = new Dictionary<string, string?>
        {
            ["KAKAOPS_TOKEN_PATH"] = _folder.TokenPath,
            ["KAKAOPS_API_URL"] = "http://127.0.0.1:9",
        };

        var result = (await PwshProcess.RunAsync(script, environment)).Succeeded();

        Assert.Contains("""What if: Performing the operation "Send list memo {"object_type":"list","header_title":"오늘의 배포","header_link":{"web_url":"https://example.com/d","mobile_web_url":"https://example.com/d"},"contents":[{"title":"api","link":{"web_url":"https://example.com/d","mobile_web_url":"https://example.com/d"}},{"title":"web","link":{"web_url":"https://example.com/d","mobile_web_url":"https://example.com/d"}}]}" on target""", result.Output);
        Assert.Contains("""Send text memo {"object_type":"text","text":"build ok 🚀","link":{"web_url":"https://developers.kakao.com","mobile_web_url":"https://developers.kakao.com"},"buttons":[{"title":"로그","link":{"web_url":"https://example.com/log","mobile_web_url":"https://example.com/log"}}]}""", result.Output);
        Assert.Contains("""Send custom memo template_id=12 template_args={"job":"nightly"}""", result.Output);
        Assert.Contains("Send scrap memo of https://example.com/news/1", result.Output);
        Assert.False(File.Exists(_folder.TokenPath));
    }
}
