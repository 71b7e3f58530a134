using System.Net;
using System.Net.Http.Json;
using KakaoPS.Emulator.Tests.Support;

namespace KakaoPS.Emulator.Tests;

public sealed class UserEndpointTests : EmulatorTest
{
    [Fact]
    public async Task Access_token_info_reports_remaining_seconds()
    {
        var token = await AccessTokenAsync();
        await AdvanceClockAsync(TimeSpan.FromSeconds(600));

        var body = await AssertKakaoJsonAsync(await GetAsync("/v1/user/access_token_info", token), HttpStatusCode.OK);

        Assert.Equal(EmulatorDefaults.UserId, body.GetProperty("id").GetInt64());
        Assert.InRange(body.GetProperty("expires_in").GetInt32(), 20990, 20999);
        Assert.Equal(EmulatorDefaults.AppId, body.GetProperty("app_id").GetInt64());
    }

    [Fact]
    public async Task Logout_revokes_access_and_refresh_tokens_but_keeps_consent()
    {
        var tokens = await IssueTokensAsync();
        var access = tokens.GetProperty("access_token").GetString()!;

        var body = await AssertKakaoJsonAsync(await PostFormAsync("/v1/user/logout", [], access), HttpStatusCode.OK);

        Assert.Equal($$"""{"id":{{EmulatorDefaults.UserId}}}""", body.GetRawText());
        await AssertApiErrorAsync(await SendMemoAsync(access, TextTemplate("hi")), HttpStatusCode.Unauthorized, -401, "this access token does not exist");
        await AssertOAuthErrorAsync(await TokenAsync(("grant_type", "refresh_token"), ("client_id", Key),
            ("refresh_token", tokens.GetProperty("refresh_token").GetString()!)), HttpStatusCode.BadRequest, "invalid_grant", "KOE322");
        var fresh = await ExchangeAsync(await CodeAsync());
        Assert.Contains("talk_message", fresh.GetProperty("scope").GetString());
    }

    [Fact]
    public async Task Unlink_revokes_tokens_and_clears_consent()
    {
        var access = await AccessTokenAsync();

        Assert.Equal(HttpStatusCode.OK, (await PostFormAsync("/v1/user/unlink", [], access)).StatusCode);

        await AssertApiErrorAsync(await GetAsync("/v2/user/scopes", access), HttpStatusCode.Unauthorized, -401);
        var again = await AccessTokenAsync(new { scopes = new[] { "profile_nickname" } });
        var scopes = await JsonAsync(await GetAsync("/v2/user/scopes", again));
        Assert.False(scopes.GetProperty("scopes")[2].GetProperty("agreed").GetBoolean());
    }

    [Fact]
    public async Task Revoke_scopes_withdraws_an_optional_item()
    {
        var access = await AccessTokenAsync();

        var response = await PostFormAsync("/v2/user/revoke/scopes", [("scopes", """["talk_message"]""")], access);

        var body = await AssertKakaoJsonAsync(response, HttpStatusCode.OK);
        var talk = body.GetProperty("scopes").EnumerateArray().Single(s => s.GetProperty("id").GetString() == "talk_message");
        Assert.False(talk.GetProperty("agreed").GetBoolean());
        Assert.False(talk.TryGetProperty("revocable", out _));
        await AssertApiErrorAsync(await SendMemoAsync(access, TextTemplate("hi")), HttpStatusCode.Forbidden, -402);
    }

    [Fact]
    public async Task Revoking_a_required_item_is_minus_3_and_an_unknown_one_minus_2()
    {
        var access = await AccessTokenAsync();
        await AssertApiErrorAsync(await PostFormAsync("/v2/user/revoke/scopes", [("scopes", """["profile_nickname"]""")], access),
            HttpStatusCode.Forbidden, -3, "[profile_nickname] is not revocable. check out if it's set as required on developers.kakao.com");
        await AssertApiErrorAsync(await PostFormAsync("/v2/user/revoke/scopes", [("scopes", """["email"]""")], access),
            HttpStatusCode.BadRequest, -2, "There is no scopes to revoke. check out if given scope id([email]) is correct again.");
        await AssertApiErrorAsync(await PostFormAsync("/v2/user/revoke/scopes", [], access), HttpStatusCode.BadRequest, -2);
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("POST")]
    public async Task Me_returns_id_and_nickname(string method)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), "/v2/user/me?secure_resource=true");
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + await AccessTokenAsync());

        var body = await AssertKakaoJsonAsync(await Http.SendAsync(request), HttpStatusCode.OK);

        Assert.Equal(EmulatorDefaults.UserId, body.GetProperty("id").GetInt64());
        Assert.Equal(EmulatorDefaults.UserNickname, body.GetProperty("kakao_account").GetProperty("profile").GetProperty("nickname").GetString());
        Assert.EndsWith("Z", body.GetProperty("connected_at").GetString());
    }

    [Fact]
    public async Task User_without_kakaotalk_gets_minus_501_and_nicknames_are_settable()
    {
        var token = await AccessTokenAsync();
        var response = await Http.PutAsJsonAsync($"/_emulator/users/{EmulatorDefaults.UserId}", new { nickname = "민지", kakaoTalkUser = false });
        Assert.True(response.IsSuccessStatusCode);

        await AssertApiErrorAsync(await SendMemoAsync(token, TextTemplate("hi")), HttpStatusCode.BadRequest, -501);
        var me = await JsonAsync(await GetAsync("/v2/user/me", token));
        Assert.Equal("민지", me.GetProperty("properties").GetProperty("nickname").GetString());
    }
}
