using System.Net;
using System.Net.Http.Headers;
using System.Text;
using KakaoPS.Emulator.Tests.Support;

namespace KakaoPS.Emulator.Tests;

/// <summary>
/// What a web page open in the user's browser, or a DNS-rebinding page that resolves to the
/// emulator's address, can make a browser send: the control API does nothing for it. Malformed
/// bodies get 400, never 500.
/// </summary>
public sealed class HostileRequestTests : EmulatorTest
{
    [Fact]
    public async Task A_DNS_rebinding_page_cannot_read_the_issued_tokens()
    {
        await IssueTokensAsync();
        var request = new HttpRequestMessage(HttpMethod.Get, "/_emulator/tokens");
        request.Headers.Host = "attacker.example:" + Host.BaseUrl.Port;

        var response = await Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain("issued", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("localhost")]
    public async Task The_bound_address_and_localhost_reach_the_control_API(string host)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/_emulator/clock");
        request.Headers.Host = host + ":" + Host.BaseUrl.Port;

        Assert.Equal(HttpStatusCode.OK, (await Http.SendAsync(request)).StatusCode);
    }

    [Fact]
    public async Task Another_port_in_the_Host_header_is_refused()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/_emulator/messages");
        request.Headers.Host = "127.0.0.1:" + (Host.BaseUrl.Port == 1 ? 2 : 1);

        Assert.Equal(HttpStatusCode.BadRequest, (await Http.SendAsync(request)).StatusCode);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("multipart/form-data; boundary=x")]
    [InlineData(null)]
    public async Task A_web_page_cannot_reset_the_emulator(string? contentType)
    {
        var token = await AccessTokenAsync();
        var request = new HttpRequestMessage(HttpMethod.Post, "/_emulator/reset");
        if (contentType is not null)
        {
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes("{}"));
            request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }

        var response = await Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal(1, (await ControlGetAsync("tokens")).GetProperty("accessTokensIssued").GetInt32());
        Assert.Equal(HttpStatusCode.OK, (await GetAsync("/v1/user/access_token_info", token)).StatusCode);
    }

    [Fact]
    public async Task A_JSON_post_still_resets()
    {
        await IssueTokensAsync();
        var request = new HttpRequestMessage(HttpMethod.Post, "/_emulator/reset") { Content = new StringContent("{}", Encoding.UTF8, "application/json") };

        Assert.Equal(HttpStatusCode.OK, (await Http.SendAsync(request)).StatusCode);
        Assert.Equal(0, (await ControlGetAsync("tokens")).GetProperty("accessTokensIssued").GetInt32());
    }

    [Theory]
    [InlineData("1e30")]
    [InlineData("-1e15")]
    [InlineData("\"NaN\"")]
    [InlineData("\"Infinity\"")]
    public async Task An_impossible_clock_move_is_400(string seconds)
    {
        var response = await Http.PostAsync("/_emulator/clock",
            new StringContent("{\"advanceSeconds\":" + seconds + "}", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var now = (await ControlGetAsync("clock")).GetProperty("now").GetDateTimeOffset();
        Assert.True(Math.Abs((now - DateTimeOffset.UtcNow).TotalMinutes) < 1);
    }

    [Fact]
    public async Task A_binary_token_request_is_400()
    {
        // curl --data-binary @file.bin sends a file as a form: one "key" far longer than any form allows.
        var bytes = Enumerable.Range(0, 70000).Select(i => (byte)(i * 7 % 256)).Where(b => b != '&' && b != '=').ToArray();
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/x-www-form-urlencoded");

        var response = await Http.PostAsync("/oauth/token", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task A_multipart_token_request_without_a_boundary_is_400()
    {
        var content = new StringContent("grant_type=authorization_code");
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data");

        var response = await Http.PostAsync("/oauth/token", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task An_empty_consent_post_is_400()
    {
        var response = await Http.PostAsync("/oauth/authorize/consent", null);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
