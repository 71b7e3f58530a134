using System.Net;
using KakaoPS.Emulator.Tests.Support;

namespace KakaoPS.Emulator.Tests;

public sealed class ScopesTests : EmulatorTest
{
    [Fact]
    public async Task Scopes_list_matches_the_lessons_shape_and_ignores_secure_resource()
    {
        var token = await AccessTokenAsync();

        var response = await GetAsync("/v2/user/scopes?secure_resource=True", token);

        var body = await AssertKakaoJsonAsync(response, HttpStatusCode.OK);
        Assert.Equal(EmulatorDefaults.UserId, body.GetProperty("id").GetInt64());
        var talk = body.GetProperty("scopes").EnumerateArray().Single(s => s.GetProperty("id").GetString() == "talk_message");
        Assert.Equal("""{"id":"talk_message","display_name":"Send message in KakaoTalk","type":"SERVICE","using":true,"agreed":true,"revocable":true}""",
            talk.GetRawText());
        var nickname = body.GetProperty("scopes")[0];
        Assert.Equal("profile_nickname", nickname.GetProperty("id").GetString());
        Assert.False(nickname.GetProperty("revocable").GetBoolean());
    }

    [Fact]
    public async Task Scopes_filter_and_revocable_only_when_agreed()
    {
        var token = await AccessTokenAsync(new { scopes = new[] { "profile_nickname", "profile_image" } });

        var response = await GetAsync("/v2/user/scopes?scopes=" + Uri.EscapeDataString("""["talk_message"]"""), token);

        var body = await AssertKakaoJsonAsync(response, HttpStatusCode.OK);
        var only = Assert.Single(body.GetProperty("scopes").EnumerateArray());
        Assert.Equal("""{"id":"talk_message","display_name":"Send message in KakaoTalk","type":"SERVICE","using":true,"agreed":false}""",
            only.GetRawText());
    }

    [Fact]
    public async Task Scopes_with_bad_token_is_minus_401()
    {
        await AssertApiErrorAsync(await GetAsync("/v2/user/scopes", "nope"), HttpStatusCode.Unauthorized, -401);
    }
}
