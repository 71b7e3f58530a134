using System.Net;
using System.Net.Http.Json;
using KakaoPS.Emulator.Tests.Support;

namespace KakaoPS.Emulator.Tests;

public sealed class ControlApiTests : EmulatorTest
{
    [Fact]
    public async Task Request_log_has_grant_types_and_no_secrets()
    {
        await PutAppAsync(Key, new { clientSecret = "very-secret-value" });
        var verifier = "verifier-" + new string('v', 50);
        var code = await CodeAsync("&code_challenge=" + Pkce.Challenge(verifier));
        var exchange = await TokenAsync(("grant_type", "authorization_code"), ("client_id", Key), ("redirect_uri", Redirect),
            ("code", code), ("client_secret", "very-secret-value"), ("code_verifier", verifier));
        var tokens = await AssertKakaoJsonAsync(exchange, HttpStatusCode.OK);
        var refresh = tokens.GetProperty("refresh_token").GetString()!;
        await TokenAsync(("grant_type", "refresh_token"), ("client_id", Key), ("refresh_token", refresh), ("client_secret", "very-secret-value"));
        // A careless client putting secrets in the query string must not get them logged either.
        await Http.GetAsync($"/v2/user/scopes?access_token={tokens.GetProperty("access_token").GetString()}&code={code}");
        await SendMemoAsync(tokens.GetProperty("access_token").GetString()!, TextTemplate("hi"));

        var log = await ControlGetAsync("requests");
        var text = log.GetRawText();
        Assert.Equal(["authorization_code", "refresh_token"],
            log.EnumerateArray().Select(e => e.GetProperty("grantType").GetString()).Where(g => g is not null));
        Assert.Equal(["GET", "POST", "POST", "GET", "POST"], log.EnumerateArray().Select(e => e.GetProperty("method").GetString()));
        Assert.Equal(200, log[4].GetProperty("status").GetInt32());
        Assert.Equal(401, log[3].GetProperty("status").GetInt32());
        foreach (var token in (await ControlGetAsync("tokens")).GetProperty("issued").EnumerateArray())
            Assert.DoesNotContain(token.GetString()!, text);
        Assert.DoesNotContain(code, text);
        Assert.DoesNotContain("very-secret-value", text);
        Assert.DoesNotContain(verifier, text);
    }

    [Fact]
    public async Task Tokens_lists_every_issued_token_and_counts_grants()
    {
        var first = await ExchangeAsync(await CodeAsync());
        await TokenAsync(("grant_type", "refresh_token"), ("client_id", Key), ("refresh_token", first.GetProperty("refresh_token").GetString()!));

        var tokens = await ControlGetAsync("tokens");
        var issued = tokens.GetProperty("issued").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Contains(first.GetProperty("access_token").GetString(), issued);
        Assert.Contains(first.GetProperty("refresh_token").GetString(), issued);
        Assert.Equal(3, issued.Count);
        Assert.Equal(2, tokens.GetProperty("accessTokensIssued").GetInt32());
        Assert.Equal(1, tokens.GetProperty("refreshGrants").GetInt32());
    }

    [Fact]
    public async Task Issue_tokens_with_custom_lifetimes()
    {
        var tokens = await IssueTokensAsync(new { scopes = new[] { "talk_message" }, accessExpiresIn = 60, refreshExpiresIn = 20 * 86400 });
        Assert.Equal(60, tokens.GetProperty("expires_in").GetInt32());
        Assert.Equal(20 * 86400, tokens.GetProperty("refresh_token_expires_in").GetInt32());
        Assert.Equal("talk_message", tokens.GetProperty("scope").GetString());
    }

    [Fact]
    public async Task Messages_report_all_fields_oldest_first()
    {
        var token = await AccessTokenAsync();
        await SendMemoAsync(token, TextTemplate("first"));
        await SendMemoAsync(token, TextTemplate("second"));

        var messages = (await ControlGetAsync("messages")).EnumerateArray().ToList();
        Assert.Equal(2, messages.Count);
        Assert.Contains("first", messages[0].GetProperty("templateObject").GetString());
        Assert.Equal(["id", "endpoint", "clientId", "userId", "templateObject", "templateId", "templateArgs", "requestUrl", "receivedAt", "rendered"],
            messages[0].EnumerateObject().Select(p => p.Name));
        Assert.True(messages[0].GetProperty("id").GetInt32() < messages[1].GetProperty("id").GetInt32());
    }

    [Fact]
    public async Task Reset_returns_to_the_start_state()
    {
        var token = await AccessTokenAsync();
        await SendMemoAsync(token, TextTemplate("hi"));
        await PutAppAsync("other-app", new { name = "Other" });
        await AdvanceClockAsync(TimeSpan.FromDays(3));

        await ControlPostAsync("reset", new { });

        Assert.Empty((await ControlGetAsync("messages")).EnumerateArray());
        Assert.Empty((await ControlGetAsync("requests")).EnumerateArray());
        Assert.Equal(0, (await ControlGetAsync("tokens")).GetProperty("accessTokensIssued").GetInt32());
        Assert.Single((await ControlGetAsync("apps")).EnumerateArray());
        var now = (await ControlGetAsync("clock")).GetProperty("now").GetDateTimeOffset();
        Assert.True(Math.Abs((now - DateTimeOffset.UtcNow).TotalMinutes) < 1);
        await AssertApiErrorAsync(await SendMemoAsync(token, TextTemplate("hi")), HttpStatusCode.Unauthorized, -401);
    }

    [Fact]
    public async Task Apps_can_be_created_and_never_show_the_secret()
    {
        await PutAppAsync("second-key", new
        {
            name = "Second",
            clientSecret = "hidden-secret",
            redirectUris = new[] { "http://127.0.0.1:9000/cb" },
            consentItems = new[] { new { id = "profile_nickname", required = true } },
        });

        var apps = await ControlGetAsync("apps");
        var text = apps.GetRawText();
        Assert.DoesNotContain("hidden-secret", text);
        var second = apps.EnumerateArray().Single(a => a.GetProperty("restApiKey").GetString() == "second-key");
        Assert.True(second.GetProperty("clientSecretEnabled").GetBoolean());
        Assert.False(second.GetProperty("talkMessageEnabled").GetBoolean());
        Assert.Equal("Second", second.GetProperty("name").GetString());
    }

    [Fact]
    public async Task Bad_template_id_in_app_config_is_400()
    {
        var response = await Http.PutAsJsonAsync($"/_emulator/apps/{Key}", new { templates = new Dictionary<string, object> { ["abc"] = new { } } });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
