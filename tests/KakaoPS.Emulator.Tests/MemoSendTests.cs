using System.Net;
using System.Text.Json;
using KakaoPS.Emulator.Tests.Support;

namespace KakaoPS.Emulator.Tests;

public sealed class MemoSendTests : EmulatorTest
{
    [Fact]
    public async Task Text_memo_is_accepted_and_recorded_byte_exact()
    {
        var token = await AccessTokenAsync();
        var template = """{"object_type":"text","text":"빌드 끝 ✅ 🚀 \"quoted\"","link":{"web_url":"https://example.com"},"button_title":"바로 확인"}""";

        var response = await SendMemoAsync(token, template);

        var body = await AssertKakaoJsonAsync(response, HttpStatusCode.OK);
        Assert.Equal("""{"result_code":0}""", body.GetRawText());
        var message = Assert.Single((await ControlGetAsync("messages")).EnumerateArray());
        Assert.Equal(template, message.GetProperty("templateObject").GetString());
        Assert.Equal("/v2/api/talk/memo/default/send", message.GetProperty("endpoint").GetString());
        Assert.Equal(EmulatorDefaults.UserId, message.GetProperty("userId").GetInt64());
    }

    [Theory]
    [InlineData(null, "this access token does not exist")]
    [InlineData("not-a-token", "this access token does not exist")]
    public async Task Missing_or_unknown_token_is_minus_401(string? token, string msg)
    {
        var response = await PostFormAsync("/v2/api/talk/memo/default/send", [("template_object", TextTemplate("hi"))], token);

        var body = await AssertApiErrorAsync(response, HttpStatusCode.Unauthorized, -401, msg);
        Assert.Equal("Bearer error=invalid_token", response.Headers.WwwAuthenticate.ToString());
        Assert.Equal(["msg", "code"], body.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task Expired_token_is_minus_401_already_expired()
    {
        var token = await AccessTokenAsync();
        await AdvanceClockAsync(TimeSpan.FromSeconds(21600));

        var response = await SendMemoAsync(token, TextTemplate("hi"));
        await AssertApiErrorAsync(response, HttpStatusCode.Unauthorized, -401, "this access token is already expired");
    }

    [Fact]
    public async Task Bearer_scheme_is_case_insensitive()
    {
        var token = await AccessTokenAsync();
        var request = new HttpRequestMessage(HttpMethod.Post, "/v2/api/talk/memo/default/send")
        {
            Content = new FormUrlEncodedContent([new("template_object", TextTemplate("hi"))]),
        };
        request.Headers.TryAddWithoutValidation("Authorization", "bearer " + token);
        Assert.Equal(HttpStatusCode.OK, (await Http.SendAsync(request)).StatusCode);
    }

    [Fact]
    public async Task Without_talk_message_consent_it_is_minus_402_with_scopes()
    {
        var token = await AccessTokenAsync(new { scopes = new[] { "profile_nickname" } });

        var response = await SendMemoAsync(token, TextTemplate("hi"));

        var body = await AssertApiErrorAsync(response, HttpStatusCode.Forbidden, -402, "insufficient scopes.");
        Assert.Equal("TALK_MEMO_DEFAULT_SEND", body.GetProperty("api_type").GetString());
        Assert.Equal(["talk_message"], body.GetProperty("required_scopes").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["profile_nickname"], body.GetProperty("allowed_scopes").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task Consent_withdrawn_through_control_api_turns_sends_into_minus_402()
    {
        var token = await AccessTokenAsync();
        await ControlPostAsync("consent", new { scope = "talk_message", agreed = false });

        await AssertApiErrorAsync(await SendMemoAsync(token, TextTemplate("hi")), HttpStatusCode.Forbidden, -402);
    }

    [Fact]
    public async Task App_without_talk_message_item_is_minus_3()
    {
        var token = await AccessTokenAsync();
        await PutAppAsync(Key, new { talkMessageEnabled = false });

        var response = await SendMemoAsync(token, TextTemplate("hi"));
        await AssertApiErrorAsync(response, HttpStatusCode.Forbidden, -3,
            "[KakaoPS Emulator] App disabled [talk_message] scopes for [TALK_MEMO_DEFAULT_SEND] API on developers.kakao.com. Enable it first.");
    }

    [Fact]
    public async Task Text_of_200_utf16_units_passes_and_201_is_minus_2()
    {
        var token = await AccessTokenAsync();
        Assert.Equal(HttpStatusCode.OK, (await SendMemoAsync(token, TextTemplate(new string('가', 200)))).StatusCode);
        await AssertApiErrorAsync(await SendMemoAsync(token, TextTemplate(new string('가', 201))), HttpStatusCode.BadRequest, -2);
        // 100 emoji are 200 UTF-16 units; one more letter is over.
        var emoji = string.Concat(Enumerable.Repeat("😀", 100));
        Assert.Equal(HttpStatusCode.OK, (await SendMemoAsync(token, TextTemplate(emoji))).StatusCode);
        await AssertApiErrorAsync(await SendMemoAsync(token, TextTemplate(emoji + "a")), HttpStatusCode.BadRequest, -2);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("{not json")]
    [InlineData("[]")]
    [InlineData("""{"text":"no type","link":{"web_url":"https://example.com"}}""")]
    [InlineData("""{"object_type":"text","text":"no link"}""")]
    [InlineData("""{"object_type":"text","text":"empty link","link":{}}""")]
    [InlineData("""{"object_type":"text","link":{"web_url":"https://example.com"}}""")]
    [InlineData("""{"object_type":"calendar","id":"x","id_type":"event","content":{"link":{"web_url":"https://e.com"}}}""")]
    [InlineData("""{"object_type":"text","text":"t","link":{"web_url":"https://e.com"},"buttons":[{"title":"a","link":{"web_url":"https://e.com"}},{"title":"b","link":{"web_url":"https://e.com"}},{"title":"c","link":{"web_url":"https://e.com"}}]}""")]
    [InlineData("""{"object_type":"text","text":"t","link":{"web_url":"https://e.com"},"buttons":[{"link":{"web_url":"https://e.com"}}]}""")]
    [InlineData("""{"object_type":"text","text":"t","link":{"web_url":"https://e.com"},"buttons":[{"title":"no link"}]}""")]
    public async Task Invalid_template_object_is_minus_2(string? template)
    {
        var token = await AccessTokenAsync();
        var form = template is null ? Array.Empty<(string, string)>() : [("template_object", template)];

        var response = await PostFormAsync("/v2/api/talk/memo/default/send", form, token);

        var body = await AssertApiErrorAsync(response, HttpStatusCode.BadRequest, -2);
        Assert.False(string.IsNullOrEmpty(body.GetProperty("msg").GetString()));
        Assert.Empty((await ControlGetAsync("messages")).EnumerateArray());
    }

    [Fact]
    public async Task Two_buttons_are_fine()
    {
        var token = await AccessTokenAsync();
        var template = JsonSerializer.Serialize(new
        {
            object_type = "text", text = "t", link = new { web_url = "https://e.com" },
            buttons = new[] { new { title = "a", link = new { web_url = "https://e.com" } }, new { title = "b", link = new { web_url = "https://e.com" } } },
        });
        Assert.Equal(HttpStatusCode.OK, (await SendMemoAsync(token, template)).StatusCode);
    }
}
