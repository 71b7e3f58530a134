using System.Net;
using KakaoPS.Emulator.Tests.Support;

namespace KakaoPS.Emulator.Tests;

public sealed class AuthorizeTests : EmulatorTest
{
    [Fact]
    public async Task Auto_consent_redirects_with_a_code_and_the_state_echoed_and_encoded()
    {
        var response = await Http.GetAsync(AuthorizePath(
            $"client_id={Key}&redirect_uri={Uri.EscapeDataString(Redirect)}&response_type=code&state={Uri.EscapeDataString("a b&c=d/한")}"));

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        Assert.StartsWith("http://127.0.0.1?code=", location);
        Assert.EndsWith("&state=a%20b%26c%3Dd%2F%ED%95%9C", location);
        Assert.Equal("a b&c=d/한", RedirectQuery(response)["state"]);
    }

    [Fact]
    public async Task Redirect_uri_with_a_query_gets_the_code_appended_with_an_ampersand()
    {
        await PutAppAsync(Key, new { redirectUris = new[] { "http://127.0.0.1:8400/callback?x=1" } });
        var response = await Http.GetAsync(AuthorizePath(
            $"client_id={Key}&redirect_uri={Uri.EscapeDataString("http://127.0.0.1:8400/callback?x=1")}&response_type=code"));

        Assert.StartsWith("http://127.0.0.1:8400/callback?x=1&code=", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Unknown_client_id_shows_the_KOE101_page()
    {
        var response = await Http.GetAsync(AuthorizePath($"client_id=nope&redirect_uri={Redirect}&response_type=code"));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.StartsWith("text/html", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("KOE101", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("token", "KOE202")]
    [InlineData("id_token", "KOE201")]
    [InlineData("", "KOE201")]
    public async Task Response_type_other_than_code_is_rejected(string responseType, string koe)
    {
        var response = await Http.GetAsync(AuthorizePath($"client_id={Key}&redirect_uri={Redirect}&response_type={responseType}"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains($"<code id=\"error-code\">{koe}</code>", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("http://127.0.0.1/")]
    [InlineData("http://127.0.0.1:8401/callback")]
    [InlineData("http://127.0.0.1:8400/callback/")]
    [InlineData("https://127.0.0.1")]
    public async Task Unregistered_or_inexact_redirect_uri_shows_KOE006(string redirectUri)
    {
        var response = await Http.GetAsync(AuthorizePath($"client_id={Key}&redirect_uri={Uri.EscapeDataString(redirectUri)}&response_type=code"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("KOE006", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("talk_message,profile_nickname")]
    [InlineData("talk_message profile_nickname")]
    public async Task Scope_accepts_commas_and_spaces(string scope)
    {
        var query = await AuthorizeAsync("&scope=" + Uri.EscapeDataString(scope));
        Assert.True(query.ContainsKey("code"));
    }

    [Fact]
    public async Task Scope_the_app_has_not_configured_shows_KOE205()
    {
        var response = await Http.GetAsync(AuthorizePath($"client_id={Key}&redirect_uri={Redirect}&response_type=code&scope=account_email"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("KOE205", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Code_grants_the_consented_items_only_when_a_scope_is_requested_first()
    {
        var code = await CodeAsync("&scope=talk_message");
        var tokens = await ExchangeAsync(code);
        // Required items are always part of the first consent; optional ones only when asked for.
        Assert.Equal("profile_nickname profile_image talk_message", tokens.GetProperty("scope").GetString());
    }
}
