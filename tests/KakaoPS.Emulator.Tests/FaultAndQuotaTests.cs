using System.Diagnostics;
using System.Net;
using KakaoPS.Emulator.Tests.Support;

namespace KakaoPS.Emulator.Tests;

public sealed class FaultAndQuotaTests : EmulatorTest
{
    private const string SendPath = "/v2/api/talk/memo/default/send";

    [Fact]
    public async Task Fault_serves_status_body_and_retry_after_for_count_requests_then_stops()
    {
        var token = await AccessTokenAsync();
        await ControlPostAsync("faults", new { path = SendPath, count = 2, status = 503, body = "{\"msg\":\"down\",\"code\":-9798}", retryAfter = "3" });

        for (var i = 0; i < 2; i++)
        {
            var faulted = await SendMemoAsync(token, TextTemplate("hi"));
            Assert.Equal(HttpStatusCode.ServiceUnavailable, faulted.StatusCode);
            Assert.Equal(TimeSpan.FromSeconds(3), faulted.Headers.RetryAfter!.Delta);
            Assert.Equal("{\"msg\":\"down\",\"code\":-9798}", await faulted.Content.ReadAsStringAsync());
        }
        Assert.Equal(HttpStatusCode.OK, (await SendMemoAsync(token, TextTemplate("hi"))).StatusCode);
        Assert.Single((await ControlGetAsync("messages")).EnumerateArray());
        var statuses = (await ControlGetAsync("requests")).EnumerateArray().Select(r => r.GetProperty("status").GetInt32());
        Assert.Equal([503, 503, 200], statuses);
    }

    [Fact]
    public async Task Retry_after_may_be_a_number_a_date_or_null()
    {
        await ControlPostAsync("faults", new { path = "/v1/user/access_token_info", status = 429, retryAfter = 7 });
        await ControlPostAsync("faults", new { path = "/v1/user/access_token_info", status = 503, retryAfter = "Wed, 21 Oct 2015 07:28:00 GMT" });
        await ControlPostAsync("faults", new { path = "/v1/user/access_token_info", status = 500, retryAfter = (string?)null });

        Assert.Equal(TimeSpan.FromSeconds(7), (await Http.GetAsync("/v1/user/access_token_info")).Headers.RetryAfter!.Delta);
        Assert.Equal(new DateTimeOffset(2015, 10, 21, 7, 28, 0, TimeSpan.Zero), (await Http.GetAsync("/v1/user/access_token_info")).Headers.RetryAfter!.Date);
        var last = await Http.GetAsync("/v1/user/access_token_info");
        Assert.Equal(500, (int)last.StatusCode);
        Assert.Null(last.Headers.RetryAfter);
    }

    [Fact]
    public async Task Fault_with_custom_content_type()
    {
        await ControlPostAsync("faults", new { path = "/oauth/token", status = 500, body = "<html>oops</html>", contentType = "text/html" });
        var response = await TokenAsync(("grant_type", "refresh_token"));
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task Delay_only_fault_answers_normally_but_late()
    {
        var token = await AccessTokenAsync();
        await ControlPostAsync("faults", new { path = SendPath, delayMs = 300 });

        var watch = Stopwatch.StartNew();
        var response = await SendMemoAsync(token, TextTemplate("hi"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(watch.ElapsedMilliseconds >= 280, $"took {watch.ElapsedMilliseconds} ms");
    }

    [Fact]
    public async Task Drop_fault_aborts_the_connection()
    {
        var token = await AccessTokenAsync();
        await ControlPostAsync("faults", new { path = SendPath, drop = true });

        await Assert.ThrowsAsync<HttpRequestException>(() => SendMemoAsync(token, TextTemplate("hi")));
        Assert.Empty((await ControlGetAsync("messages")).EnumerateArray());
        Assert.Equal(HttpStatusCode.OK, (await SendMemoAsync(token, TextTemplate("hi"))).StatusCode);
    }

    [Fact]
    public async Task Daily_quota_gives_minus_10_and_resets_the_next_korean_day()
    {
        await PutAppAsync(Key, new { dailyQuota = 2 });
        var token = await AccessTokenAsync(new { accessExpiresIn = 3 * 86400 });
        await SendMemoAsync(token, TextTemplate("1"));
        await SendMemoAsync(token, TextTemplate("2"));

        var over = await SendMemoAsync(token, TextTemplate("3"));

        var body = await AssertApiErrorAsync(over, HttpStatusCode.BadRequest, -10, "API limit has been exceeded.");
        Assert.Equal("""{"code":-10,"msg":"API limit has been exceeded."}""", body.GetRawText());
        await AdvanceClockAsync(TimeSpan.FromDays(1));
        Assert.Equal(HttpStatusCode.OK, (await SendMemoAsync(token, TextTemplate("4"))).StatusCode);
    }
}
