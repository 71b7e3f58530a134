using System.Text.Json;
using KakaoPS.Emulator.Tests.Support;
using Microsoft.Playwright;

namespace KakaoPS.Emulator.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class InboxBrowserTests(BrowserFixture browser) : EmulatorTest
{
    private static readonly object Link = new { web_url = "https://example.com", mobile_web_url = "https://example.com" };

    private static object Content(string title, string description) =>
        new { title, description, image_url = "https://example.com/image.png", link = Link };

    private async Task SendAllTemplateTypesAsync(string token)
    {
        await PutAppAsync(Key, new
        {
            templates = new Dictionary<string, object> { ["777"] = new { object_type = "feed", content = Content("${name} 템플릿", "사용자 템플릿") } },
        });
        object[] templates =
        [
            new { object_type = "text", text = "빌드 성공 ✅\n두 번째 줄", link = Link, button_title = "바로 확인" },
            new { object_type = "feed", content = Content("오늘의 디저트", "아메리카노, 빵, 케익"), social = new { like_count = 286 },
                buttons = new[] { new { title = "웹으로 보기", link = Link }, new { title = "앱으로 보기", link = Link } } },
            new { object_type = "list", header_title = "WEEKLY MAGAZINE", header_link = Link,
                contents = new[] { Content("취미의 특징, 탁구", "스포츠"), Content("크림으로 이해하는 커피이야기", "음식") } },
            new { object_type = "location", address = "경기 성남시 분당구 판교역로 166", address_title = "카카오 판교아지트", content = Content("신메뉴 출시", "이번 주는 체리블라썸") },
            new { object_type = "commerce", content = Content("Ivory long dress", "주문 즉시 발송"),
                commerce = new { product_name = "Ivory long dress", regular_price = 208800, discount_price = 146160, discount_rate = 30 } },
        ];
        foreach (var template in templates)
            Assert.True((await SendMemoAsync(token, JsonSerializer.Serialize(template))).IsSuccessStatusCode);
        Assert.True((await PostFormAsync("/v2/api/talk/memo/send", [("template_id", "777"), ("template_args", """{"name":"민지"}""")], token)).IsSuccessStatusCode);
        Assert.True((await PostFormAsync("/v2/api/talk/memo/scrap/send", [("request_url", "https://developers.kakao.com/docs")], token)).IsSuccessStatusCode);
    }

    [Fact]
    public async Task Inbox_shows_every_template_type_newest_last_and_updates_live()
    {
        var token = await AccessTokenAsync();
        await SendAllTemplateTypesAsync(token);
        await using var context = await browser.NewPhoneContextAsync();
        var page = await context.NewPageAsync();
        await page.RouteAsync("https://example.com/**", route => route.AbortAsync());

        await page.GotoAsync(Host.BaseUrl.ToString());
        var memos = page.Locator(".memo");
        await Assertions.Expect(memos).ToHaveCountAsync(7);

        Assert.Equal(["text", "feed", "list", "location", "commerce", "feed", "feed"],
            await memos.EvaluateAllAsync<string[]>("cards => cards.map(c => c.dataset.type)"));
        Assert.Equal("빌드 성공 ✅\n두 번째 줄", await memos.Nth(0).Locator(".memo-text").InnerTextAsync());
        Assert.Equal("바로 확인", await memos.Nth(0).Locator(".memo-button").InnerTextAsync());
        Assert.Equal("오늘의 디저트", await memos.Nth(1).Locator(".memo-title").InnerTextAsync());
        Assert.Equal(["웹으로 보기", "앱으로 보기"], await memos.Nth(1).Locator(".memo-button").AllInnerTextsAsync());
        Assert.Equal("WEEKLY MAGAZINE", await memos.Nth(2).Locator(".memo-header").InnerTextAsync());
        await Assertions.Expect(memos.Nth(2).Locator(".memo-list-item")).ToHaveCountAsync(2);
        Assert.Contains("판교역로 166", await memos.Nth(3).Locator(".memo-address").InnerTextAsync());
        var price = await memos.Nth(4).Locator(".memo-price").InnerTextAsync();
        Assert.Contains("30%", price);
        Assert.Contains("146,160원", price);
        Assert.Contains("208,800원", price);
        Assert.Equal("민지 템플릿", await memos.Nth(5).Locator(".memo-title").InnerTextAsync());
        Assert.Contains("developers.kakao.com/docs", await memos.Nth(6).InnerTextAsync());
        Assert.Equal("7", await page.Locator("#count").InnerTextAsync());

        await SendMemoAsync(token, TextTemplate("방금 보낸 메시지"));
        await Assertions.Expect(memos).ToHaveCountAsync(8);
        Assert.Equal("방금 보낸 메시지", await memos.Last.Locator(".memo-text").InnerTextAsync());
        await page.EvaluateAsync("window.scrollTo(0, 0)");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "inbox.png"), FullPage = true });
    }

    [Fact]
    public async Task Inbox_starts_empty_and_never_runs_message_content_as_html()
    {
        await using var context = await browser.NewPhoneContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(Host.BaseUrl.ToString());
        await Assertions.Expect(page.Locator("#empty")).ToBeVisibleAsync();

        await SendMemoAsync(await AccessTokenAsync(), TextTemplate("<img src=x onerror=\"document.title='pwned'\">"));

        await Assertions.Expect(page.Locator(".memo-text")).ToHaveTextAsync("<img src=x onerror=\"document.title='pwned'\">");
        Assert.DoesNotContain("pwned", await page.TitleAsync());
        await Assertions.Expect(page.Locator("#empty")).ToBeHiddenAsync();
    }
}
