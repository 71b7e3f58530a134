using System;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using KakaoPS.Emulator;
using KakaoPS.Tests.Infrastructure;
using Microsoft.Playwright;
using static KakaoPS.Tests.Infrastructure.Network;

namespace KakaoPS.Tests.Module;

/// <summary>
/// `Connect-Kakao` with no arguments in a real `dotnet pwsh`: a loopback listener, a browser opened
/// through $BROWSER, the emulator's consent page, state and PKCE checked, the code exchanged.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class LoopbackLoginTests : IAsyncLifetime, IDisposable
{
    private readonly BrowserFixture _browser;
    private readonly TempFolder _folder = new();
    private readonly int _port = FreePort();
    private EmulatorHost? _emulator;
    private EmulatorControl? _control;

    public LoopbackLoginTests(BrowserFixture browser)
    {
        _browser = browser;
    }

    private string Host { get; set; } = "127.0.0.1";

    private string RedirectUri => $"http://{Host}:{_port}/callback";

    private string BaseUrl => _emulator!.BaseUrl.GetLeftPart(UriPartial.Authority);

    public async Task InitializeAsync()
    {
        // The real consent page: no auto-consent. The listener's redirect URI is registered, as a user would.
        _emulator = await EmulatorHost.StartAsync(new EmulatorOptions());
        _control = new EmulatorControl(BaseUrl);
        await _control.ConfigureAppAsync(EmulatorDefaults.RestApiKey, new { redirectUris = new[] { "http://127.0.0.1", RedirectUri, $"http://localhost:{_port}/callback" } });
    }

    public async Task DisposeAsync()
    {
        _control!.Dispose();
        await _emulator!.DisposeAsync();
    }

    public void Dispose() => _folder.Dispose();

    /// <summary>
    /// Waits for the browser to reach the listener. On a timeout the failure says which page the browser
    /// stayed on (without its query, which may carry a code) and what it shows, beside a screenshot.
    /// </summary>
    private async Task WaitForListenerAsync(IPage page, string screenshot)
    {
        try
        {
            await page.WaitForURLAsync(RedirectUri + "**");
        }
        catch (TimeoutException e)
        {
            await page.ScreenshotAsync(new() { Path = BrowserFixture.Screenshot(screenshot) });
            var text = await page.InnerTextAsync("body");
            throw new TimeoutException(
                $"The browser stayed on {new Uri(page.Url).GetLeftPart(UriPartial.Path)}: {text[..Math.Min(300, text.Length)]}", e);
        }
    }

    private Task<ProcessResult> ConnectAsync(string browser, int timeoutSec = 150) =>
        PwshProcess.RunAsync($"Connect-Kakao -RedirectUri '{RedirectUri}' -TimeoutSec {timeoutSec} | Select-Object ClientId, UserId | Format-List | Out-String", new Dictionary<string, string?>
        {
            ["KAKAOPS_AUTH_URL"] = BaseUrl,
            ["KAKAOPS_API_URL"] = BaseUrl,
            ["KAKAOPS_TOKEN_PATH"] = _folder.TokenPath,
            ["KAKAO_REST_API_KEY"] = EmulatorDefaults.RestApiKey,
            ["BROWSER"] = browser,
        });

    [Fact]
    public async Task A_real_browser_consents_on_the_emulator_page_and_the_listener_completes_the_login()
    {
        var standIn = new BrowserStandIn(_folder);
        var connect = ConnectAsync(standIn.Recorder());
        var url = await BrowserStandIn.WaitForFileAsync(standIn.UrlPath, TimeSpan.FromSeconds(120));
        Assert.Contains("code_challenge=", url);
        Assert.Contains("state=", url);

        await using var context = await _browser.Browser.NewContextAsync(new() { Locale = "ko-KR" });
        var page = await context.NewPageAsync();
        await page.GotoAsync(url);
        await page.ScreenshotAsync(new() { Path = BrowserFixture.Screenshot("loopback-consent.png") });
        await page.ClickAsync("#agree");
        await WaitForListenerAsync(page, "loopback-agree-timeout.png");
        var heading = await page.TextContentAsync("#result");
        await page.ScreenshotAsync(new() { Path = BrowserFixture.Screenshot("loopback-done.png") });
        await AssertKoreanWordsStayWholeAsync(page);

        var result = (await connect).Succeeded();
        Assert.Contains("로그인 완료", heading);
        Assert.Contains(EmulatorDefaults.RestApiKey, result.Output);
        Assert.True(File.Exists(_folder.TokenPath));
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("localhost")]
    public async Task A_BROWSER_stand_in_that_follows_redirects_completes_the_login(string host)
    {
        Host = host;
        await _control!.ConfigureAppAsync(EmulatorDefaults.RestApiKey, new { autoConsent = true });
        var standIn = new BrowserStandIn(_folder);

        var result = (await ConnectAsync(standIn.Follower())).Succeeded();

        Assert.Contains($"UserId   : {EmulatorDefaults.UserId}", result.Output);
        Assert.Contains("로그인 완료", await BrowserStandIn.WaitForFileAsync(standIn.PagePath, TimeSpan.FromSeconds(60)));
    }

    [Fact]
    public async Task The_listener_answers_404_elsewhere_and_refuses_a_forged_state_before_any_exchange()
    {
        await _control!.ConfigureAppAsync(EmulatorDefaults.RestApiKey, new { autoConsent = true });
        var standIn = new BrowserStandIn(_folder);
        var connect = ConnectAsync(standIn.Recorder());
        var url = await BrowserStandIn.WaitForFileAsync(standIn.UrlPath, TimeSpan.FromSeconds(120));
        using var http = new HttpClient();

        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync($"http://127.0.0.1:{_port}/elsewhere")).StatusCode);
        var forged = await http.GetAsync($"{RedirectUri}?code=stolen&state=forged");
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.DoesNotContain(await _control.RequestsAsync(), r => r.GetProperty("path").GetString() == "/oauth/token");

        // The genuine redirect still completes the login.
        var page = await http.GetStringAsync(url);
        var result = (await connect).Succeeded();
        Assert.Contains("로그인 완료", page);
        Assert.Single(await _control.RequestsAsync(), r => r.GetProperty("path").GetString() == "/oauth/token");
        Assert.Contains(EmulatorDefaults.RestApiKey, result.Output);
    }

    [Fact]
    public async Task Cancel_on_the_consent_page_becomes_AccessDenied()
    {
        var standIn = new BrowserStandIn(_folder);
        var connect = ConnectAsync(standIn.Recorder());
        var url = await BrowserStandIn.WaitForFileAsync(standIn.UrlPath, TimeSpan.FromSeconds(120));

        await using var context = await _browser.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(url);
        await page.ClickAsync("#cancel");
        await WaitForListenerAsync(page, "loopback-cancel-timeout.png");

        var result = await connect;
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("cancelled", result.Error + result.Output);
        Assert.Contains("로그인 실패", await page.TextContentAsync("#result"));
        await AssertKoreanWordsStayWholeAsync(page);
        Assert.False(File.Exists(_folder.TokenPath));
    }

    /// <summary>On a narrow phone the result headline wraps between words, never inside one ("완 / 료").</summary>
    private static async Task AssertKoreanWordsStayWholeAsync(Microsoft.Playwright.IPage page)
    {
        await page.SetViewportSizeAsync(160, 600);
        var broken = await page.EvaluateAsync<string[]>("""
            () => {
                const broken = [];
                for (const element of document.querySelectorAll('h1, p')) {
                    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
                    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                        let start = 0;
                        for (const word of node.data.split(' ')) {
                            if (/[\uAC00-\uD7A3]/.test(word)) {
                                const range = document.createRange();
                                range.setStart(node, start);
                                range.setEnd(node, start + word.length);
                                const lines = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
                                if (lines.size > 1) broken.push(word);
                            }
                            start += word.length + 1;
                        }
                    }
                }
                return broken;
            }
            """);

        Assert.True(broken.Length == 0, "Korean words broken across lines: " + string.Join(", ", broken));
    }
}
