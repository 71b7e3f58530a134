using System.Net;
using System.Text.Json;
using KakaoPS.Emulator.Tests.Support;

namespace KakaoPS.Emulator.Tests;

public sealed class RefreshTests : EmulatorTest
{
    private Task<HttpResponseMessage> RefreshAsync(string refreshToken) =>
        TokenAsync(("grant_type", "refresh_token"), ("client_id", Key), ("refresh_token", refreshToken));

    private static string Refresh(JsonElement tokens) => tokens.GetProperty("refresh_token").GetString()!;

    [Fact]
    public async Task Refresh_in_the_last_month_rotates_and_the_old_refresh_token_dies()
    {
        var old = Refresh(await IssueTokensAsync(new { refreshExpiresIn = 20 * 86400 }));

        var body = await AssertKakaoJsonAsync(await RefreshAsync(old), HttpStatusCode.OK);

        Assert.Equal(["access_token", "token_type", "refresh_token", "expires_in", "refresh_token_expires_in"],
            body.EnumerateObject().Select(p => p.Name));
        Assert.Equal(5183999, body.GetProperty("refresh_token_expires_in").GetInt32());
        await AssertOAuthErrorAsync(await RefreshAsync(old), HttpStatusCode.BadRequest, "invalid_grant", "KOE322");
        Assert.Equal(HttpStatusCode.OK, (await RefreshAsync(Refresh(body))).StatusCode);
    }

    [Fact]
    public async Task Of_parallel_refreshes_that_rotate_only_one_gets_the_new_refresh_token()
    {
        await PutAppAsync(Key, new { rateLimits = new { enabled = false } });
        var old = Refresh(await IssueTokensAsync(new { refreshExpiresIn = 5 * 86400 }));

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => RefreshAsync(old)));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
        Assert.All(responses.Where(r => r.StatusCode != HttpStatusCode.OK), r => Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode));
    }

    [Fact]
    public async Task Rotation_starts_when_under_thirty_days_remain_on_the_clock()
    {
        var refresh = Refresh(await ExchangeAsync(await CodeAsync()));

        await AdvanceClockAsync(TimeSpan.FromDays(29));
        var early = await JsonAsync(await RefreshAsync(refresh));
        Assert.False(early.TryGetProperty("refresh_token", out _));

        await AdvanceClockAsync(TimeSpan.FromDays(2));
        var late = await JsonAsync(await RefreshAsync(refresh));
        Assert.True(late.TryGetProperty("refresh_token", out _));
    }

    [Fact]
    public async Task Refresh_token_expires_after_sixty_days()
    {
        var refresh = Refresh(await ExchangeAsync(await CodeAsync()));
        await AdvanceClockAsync(TimeSpan.FromDays(60));

        await AssertOAuthErrorAsync(await RefreshAsync(refresh), HttpStatusCode.BadRequest, "invalid_grant", "KOE322",
            "expired_or_invalid_refresh_token");
    }

    [Fact]
    public async Task Refresh_token_of_another_app_is_KOE322()
    {
        await PutAppAsync("other-app", new { });
        var refresh = Refresh(await IssueTokensAsync(new { clientId = "other-app" }));

        await AssertOAuthErrorAsync(await RefreshAsync(refresh), HttpStatusCode.BadRequest, "invalid_grant", "KOE322");
    }

    [Fact]
    public async Task Refreshed_access_token_works_and_the_expired_one_does_not()
    {
        var tokens = await ExchangeAsync(await CodeAsync());
        await AdvanceClockAsync(TimeSpan.FromSeconds(21599));
        await AssertApiErrorAsync(await SendMemoAsync(tokens.GetProperty("access_token").GetString()!, TextTemplate("hi")),
            HttpStatusCode.Unauthorized, -401, "this access token is already expired");

        var fresh = await JsonAsync(await RefreshAsync(Refresh(tokens)));
        Assert.Equal(HttpStatusCode.OK, (await SendMemoAsync(fresh.GetProperty("access_token").GetString()!, TextTemplate("hi"))).StatusCode);
    }

    [Fact]
    public async Task App_lifetimes_are_configurable()
    {
        await PutAppAsync(Key, new { accessTokenLifetime = 43199, refreshTokenLifetime = 5184000 });
        var tokens = await ExchangeAsync(await CodeAsync());
        Assert.Equal(43199, tokens.GetProperty("expires_in").GetInt32());
        Assert.Equal(5184000, tokens.GetProperty("refresh_token_expires_in").GetInt32());
    }

    [Fact]
    public async Task More_than_20_access_tokens_in_10_minutes_is_KOE237()
    {
        var refresh = Refresh(await IssueTokensAsync());
        for (var i = 0; i < 20; i++)
            Assert.Equal(HttpStatusCode.OK, (await RefreshAsync(refresh)).StatusCode);

        await AssertOAuthErrorAsync(await RefreshAsync(refresh), HttpStatusCode.BadRequest, "invalid_request", "KOE237");
        var code = await CodeAsync();
        await AssertOAuthErrorAsync(await TokenAsync(("grant_type", "authorization_code"), ("client_id", Key),
            ("redirect_uri", Redirect), ("code", code)), HttpStatusCode.BadRequest, "invalid_request", "KOE237");

        await AdvanceClockAsync(TimeSpan.FromMinutes(10));
        Assert.Equal(HttpStatusCode.OK, (await RefreshAsync(refresh)).StatusCode);
    }

    [Fact]
    public async Task More_than_30_refreshes_in_60_minutes_is_KOE237()
    {
        var refresh = Refresh(await IssueTokensAsync());
        for (var i = 0; i < 30; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await RefreshAsync(refresh)).StatusCode);
            if (i % 10 == 9) await AdvanceClockAsync(TimeSpan.FromMinutes(11));
        }
        await AssertOAuthErrorAsync(await RefreshAsync(refresh), HttpStatusCode.BadRequest, "invalid_request", "KOE237");
    }

    [Fact]
    public async Task Rate_limits_can_be_turned_off_for_load_tests()
    {
        await PutAppAsync(Key, new { rateLimits = new { enabled = false } });
        var refresh = Refresh(await IssueTokensAsync());
        for (var i = 0; i < 40; i++)
            Assert.Equal(HttpStatusCode.OK, (await RefreshAsync(refresh)).StatusCode);
    }

    [Fact]
    public async Task Rate_limit_fields_left_out_keep_kakaos_numbers()
    {
        await PutAppAsync(Key, new { rateLimits = new { enabled = true } });
        var limits = (await ControlGetAsync("apps"))[0].GetProperty("rateLimits");
        Assert.Equal(20, limits.GetProperty("accessTokensPer10Minutes").GetInt32());
        Assert.Equal(30, limits.GetProperty("refreshesPer60Minutes").GetInt32());
    }

    [Fact]
    public async Task Rate_limits_are_configurable_per_app()
    {
        await PutAppAsync(Key, new { rateLimits = new { enabled = true, accessTokensPer10Minutes = 2, refreshesPer60Minutes = 30 } });
        var refresh = Refresh(await IssueTokensAsync());
        await RefreshAsync(refresh);
        await RefreshAsync(refresh);
        await AssertOAuthErrorAsync(await RefreshAsync(refresh), HttpStatusCode.BadRequest, "invalid_request", "KOE237");
    }
}
