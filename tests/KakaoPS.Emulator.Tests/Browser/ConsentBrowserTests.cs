using System.Net;
using KakaoPS.Emulator.Tests.Support;
using Microsoft.Playwright;

namespace KakaoPS.Emulator.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class ConsentBrowserTests(BrowserFixture browser) : EmulatorTest
{
    protected override EmulatorOptions Options => new();

    private async Task<(IBrowserContext Context, IPage Page, RedirectTarget Target)> OpenConsentPageAsync(string state)
    {
        var target = new RedirectTarget();
        await PutAppAsync(Key, new { redirectUris = new[] { target.Uri } });
        var context = await browser.NewPhoneContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(Host.BaseUrl,
            AuthorizePath($"client_id={Key}&redirect_uri={Uri.EscapeDataString(target.Uri)}&response_type=code&scope=talk_message&state={Uri.EscapeDataString(state)}")).ToString());
        return (context, page, target);
    }

    [Fact]
    public async Task Clicking_agree_delivers_code_and_state_to_the_redirect_target()
    {
        var (context, page, target) = await OpenConsentPageAsync("상태 state/1");
        await using var _ = context;
        using var __ = target;

        Assert.Equal("KakaoPS Emulator", await page.Locator("#app-name").InnerTextAsync());
        Assert.True(await page.Locator("#scope-talk_message").IsCheckedAsync());
        Assert.True(await page.Locator("#scope-profile_nickname").IsDisabledAsync());
        Assert.Contains("[선택]", await page.Locator("label:has(#scope-talk_message)").InnerTextAsync());
        // 전체 동의하기 off and on again: the optional item follows it.
        await page.Locator("#agree-all").UncheckAsync();
        Assert.False(await page.Locator("#scope-talk_message").IsCheckedAsync());
        await page.Locator("#agree-all").CheckAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "consent-page.png"), FullPage = true });

        await page.Locator("#agree").ClickAsync();
        var arrived = await target.Arrived.WaitAsync(TimeSpan.FromSeconds(10));

        var query = System.Web.HttpUtility.ParseQueryString(arrived.Query);
        Assert.Equal("상태 state/1", query["state"]);
        await page.WaitForSelectorAsync("#done");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "consent-redirect.png") });
        var tokens = await ExchangeAsync(query["code"]!, target.Uri);
        Assert.Equal("profile_nickname profile_image talk_message", tokens.GetProperty("scope").GetString());
    }

    [Fact]
    public async Task Clicking_cancel_delivers_access_denied()
    {
        var (context, page, target) = await OpenConsentPageAsync("c1");
        await using var _ = context;
        using var __ = target;

        await page.Locator("#cancel").ClickAsync();
        var arrived = await target.Arrived.WaitAsync(TimeSpan.FromSeconds(10));

        var query = System.Web.HttpUtility.ParseQueryString(arrived.Query);
        Assert.Equal("access_denied", query["error"]);
        Assert.Equal("User denied access", query["error_description"]);
        Assert.Equal("c1", query["state"]);
        Assert.Null(query["code"]);
        Assert.Equal(HttpStatusCode.OK, (await Http.GetAsync(AuthorizePath($"client_id={Key}&redirect_uri={Uri.EscapeDataString(target.Uri)}&response_type=code"))).StatusCode);
    }
}
