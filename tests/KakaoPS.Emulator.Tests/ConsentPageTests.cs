using System.Net;
using System.Text.RegularExpressions;
using KakaoPS.Emulator.Tests.Support;

namespace KakaoPS.Emulator.Tests;

/// <summary>The consent flow without auto-consent, driven over plain HTTP (the browser tests click the same page).</summary>
public sealed partial class ConsentPageTests : EmulatorTest
{
    protected override EmulatorOptions Options => new();

    private Task<HttpResponseMessage> AuthorizeRawAsync(string extra = "") =>
        Http.GetAsync(AuthorizePath($"client_id={Key}&redirect_uri={Uri.EscapeDataString(Redirect)}&response_type=code&state=xyz{extra}"));

    /// <summary>Posts the page's form back as a browser would: hidden fields, ticked optional boxes, the pressed button.</summary>
    private async Task<HttpResponseMessage> SubmitAsync(string html, string action, IEnumerable<string> tickedOptional)
    {
        var fields = HiddenField().Matches(html).Select(m => (m.Groups[1].Value, WebUtility.HtmlDecode(m.Groups[2].Value))).ToList();
        fields.AddRange(tickedOptional.Select(id => ("agreed_scope", id)));
        fields.Add(("action", action));
        return await PostFormAsync("/oauth/authorize/consent", [.. fields]);
    }

    [Fact]
    public async Task First_login_shows_the_consent_page_with_required_and_optional_items()
    {
        var response = await AuthorizeRawAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("KakaoPS Emulator", html);
        Assert.Contains("전체 동의하기", html);
        Assert.Contains("id=\"agree\"", html);
        Assert.Contains("id=\"cancel\"", html);
        Assert.Matches("\\[필수\\][^<]*</span> 닉네임", html);
        Assert.Matches("\\[선택\\][^<]*</span> 카카오톡 메시지 전송", html);
    }

    [Fact]
    public async Task Agree_redirects_with_code_and_state_and_later_logins_skip_the_page()
    {
        var page = await (await AuthorizeRawAsync()).Content.ReadAsStringAsync();

        var agreed = await SubmitAsync(page, "agree", ["talk_message"]);

        Assert.Equal(HttpStatusCode.Found, agreed.StatusCode);
        var query = RedirectQuery(agreed);
        Assert.Equal("xyz", query["state"]);
        var tokens = await ExchangeAsync(query["code"]);
        Assert.Equal("profile_nickname profile_image talk_message", tokens.GetProperty("scope").GetString());

        var again = await AuthorizeRawAsync();
        Assert.Equal(HttpStatusCode.Found, again.StatusCode);
        Assert.True(RedirectQuery(again).ContainsKey("code"));
    }

    [Fact]
    public async Task Unticking_the_optional_item_leaves_talk_message_unagreed()
    {
        var page = await (await AuthorizeRawAsync()).Content.ReadAsStringAsync();
        var tokens = await ExchangeAsync(RedirectQuery(await SubmitAsync(page, "agree", []))["code"]);

        Assert.Equal("profile_nickname profile_image", tokens.GetProperty("scope").GetString());
        await AssertApiErrorAsync(await SendMemoAsync(tokens.GetProperty("access_token").GetString()!, TextTemplate("hi")),
            HttpStatusCode.Forbidden, -402);

        // Asking for the missing item shows the page again, with only that item.
        var more = await AuthorizeRawAsync("&scope=talk_message");
        var html = await more.Content.ReadAsStringAsync();
        Assert.Contains("scope-talk_message", html);
        Assert.DoesNotContain("scope-profile_nickname", html);
    }

    [Fact]
    public async Task Cancel_redirects_with_access_denied()
    {
        var page = await (await AuthorizeRawAsync()).Content.ReadAsStringAsync();

        var cancelled = await SubmitAsync(page, "cancel", []);

        Assert.Equal("http://127.0.0.1?error=access_denied&error_description=User%20denied%20access&state=xyz",
            cancelled.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Prompt_none_without_earlier_consent_is_consent_required()
    {
        var response = await AuthorizeRawAsync("&prompt=none");

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal("http://127.0.0.1?error=consent_required&error_description=user%20consent%20required.&state=xyz",
            response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Per_app_auto_consent_skips_the_page()
    {
        await PutAppAsync(Key, new { autoConsent = true });
        Assert.Equal(HttpStatusCode.Found, (await AuthorizeRawAsync()).StatusCode);
    }

    [Fact]
    public async Task Unlink_brings_the_consent_page_back()
    {
        var token = await AccessTokenAsync();
        Assert.Equal(HttpStatusCode.Found, (await AuthorizeRawAsync()).StatusCode);

        await PostFormAsync("/v1/user/unlink", [], token);

        Assert.Equal(HttpStatusCode.OK, (await AuthorizeRawAsync()).StatusCode);
    }

    [GeneratedRegex("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\">")]
    private static partial Regex HiddenField();
}
