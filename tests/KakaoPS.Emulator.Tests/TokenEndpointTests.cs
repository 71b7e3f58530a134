using System.Net;
using System.Text;
using KakaoPS.Emulator.Tests.Support;

namespace KakaoPS.Emulator.Tests;

public sealed class TokenEndpointTests : EmulatorTest
{
    [Fact]
    public async Task Code_exchange_returns_kakaos_token_response()
    {
        var response = await TokenAsync(("grant_type", "authorization_code"), ("client_id", Key),
            ("redirect_uri", Redirect), ("code", await CodeAsync()));

        var body = await AssertKakaoJsonAsync(response, HttpStatusCode.OK);
        Assert.Equal(["access_token", "token_type", "refresh_token", "expires_in", "scope", "refresh_token_expires_in"],
            body.EnumerateObject().Select(p => p.Name));
        Assert.Equal("bearer", body.GetProperty("token_type").GetString());
        Assert.Equal(21599, body.GetProperty("expires_in").GetInt32());
        Assert.Equal(5183999, body.GetProperty("refresh_token_expires_in").GetInt32());
        Assert.Equal("profile_nickname profile_image talk_message", body.GetProperty("scope").GetString());
        var access = body.GetProperty("access_token").GetString()!;
        Assert.InRange(access.Length, 54, 64);
        Assert.Matches("^[A-Za-z0-9_-]+$", access);
        Assert.NotEqual(access, body.GetProperty("refresh_token").GetString());
    }

    [Fact]
    public async Task Second_use_of_a_code_is_KOE320_with_the_code_in_the_description()
    {
        var code = await CodeAsync();
        await ExchangeAsync(code);

        var again = await TokenAsync(("grant_type", "authorization_code"), ("client_id", Key), ("redirect_uri", Redirect), ("code", code));

        var body = await AssertOAuthErrorAsync(again, HttpStatusCode.BadRequest, "invalid_grant", "KOE320",
            $"authorization code not found for code={code}");
        Assert.Equal(["error", "error_description", "error_code"], body.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task Unknown_code_is_KOE320()
    {
        var response = await TokenAsync(("grant_type", "authorization_code"), ("client_id", Key), ("redirect_uri", Redirect), ("code", "nope"));
        await AssertOAuthErrorAsync(response, HttpStatusCode.BadRequest, "invalid_grant", "KOE320", "authorization code not found for code=nope");
    }

    [Fact]
    public async Task Code_expires_after_ten_minutes()
    {
        var code = await CodeAsync();
        await AdvanceClockAsync(TimeSpan.FromMinutes(10).Add(TimeSpan.FromSeconds(1)));

        var response = await TokenAsync(("grant_type", "authorization_code"), ("client_id", Key), ("redirect_uri", Redirect), ("code", code));
        await AssertOAuthErrorAsync(response, HttpStatusCode.BadRequest, "invalid_grant", "KOE320");
    }

    [Theory]
    [InlineData("http://localhost")]
    [InlineData("http://127.0.0.1/")]
    [InlineData(null)]
    public async Task Redirect_uri_different_from_authorize_is_KOE303(string? redirectUri)
    {
        var code = await CodeAsync();
        var form = new List<(string, string)> { ("grant_type", "authorization_code"), ("client_id", Key), ("code", code) };
        if (redirectUri is not null) form.Add(("redirect_uri", redirectUri));

        var response = await TokenAsync([.. form]);
        await AssertOAuthErrorAsync(response, HttpStatusCode.BadRequest, "invalid_grant", "KOE303", "Redirect URI mismatch.");
    }

    [Fact]
    public async Task Unknown_client_id_is_KOE101()
    {
        var response = await TokenAsync(("grant_type", "authorization_code"), ("client_id", "wrong-key"), ("code", "x"));
        await AssertOAuthErrorAsync(response, HttpStatusCode.Unauthorized, "invalid_client", "KOE101", "Not exist client_id [wrong-key]");
    }

    [Fact]
    public async Task Json_body_reads_as_no_parameters_so_client_id_is_missing()
    {
        var content = new StringContent($$"""{"grant_type":"authorization_code","client_id":"{{Key}}"}""", Encoding.UTF8, "application/json");
        var response = await Http.PostAsync("/oauth/token", content);
        await AssertOAuthErrorAsync(response, HttpStatusCode.Unauthorized, "invalid_client", "KOE101", "Not exist client_id [null]");
    }

    [Theory]
    [InlineData("client_credentials")]
    [InlineData("password")]
    public async Task Unknown_grant_type_is_KOE310(string grantType)
    {
        var response = await TokenAsync(("grant_type", grantType), ("client_id", Key));
        await AssertOAuthErrorAsync(response, HttpStatusCode.BadRequest, "unsupported_grant_type", "KOE310");
    }

    [Fact]
    public async Task Refresh_without_refresh_token_is_KOE319()
    {
        var response = await TokenAsync(("grant_type", "refresh_token"), ("client_id", Key));
        await AssertOAuthErrorAsync(response, HttpStatusCode.BadRequest, "invalid_grant", "KOE319");
    }

    [Fact]
    public async Task Unknown_refresh_token_is_KOE322()
    {
        var response = await TokenAsync(("grant_type", "refresh_token"), ("client_id", Key), ("refresh_token", "made-up"));
        await AssertOAuthErrorAsync(response, HttpStatusCode.BadRequest, "invalid_grant", "KOE322", "expired_or_invalid_refresh_token");
    }

    [Fact]
    public async Task Refresh_with_two_months_left_returns_only_a_new_access_token()
    {
        var tokens = await ExchangeAsync(await CodeAsync());

        var response = await TokenAsync(("grant_type", "refresh_token"), ("client_id", Key),
            ("refresh_token", tokens.GetProperty("refresh_token").GetString()!));

        var body = await AssertKakaoJsonAsync(response, HttpStatusCode.OK);
        Assert.Equal(["access_token", "token_type", "expires_in"], body.EnumerateObject().Select(p => p.Name));
        Assert.NotEqual(tokens.GetProperty("access_token").GetString(), body.GetProperty("access_token").GetString());
    }
}

public sealed class ClientSecretTests : EmulatorTest
{
    protected override EmulatorOptions Options => new() { AutoConsent = true, ClientSecret = "s3cret-value" };

    [Theory]
    [InlineData(null)]
    [InlineData("wrong")]
    public async Task Missing_or_wrong_secret_is_KOE010_before_the_code_is_looked_at(string? secret)
    {
        var form = new List<(string, string)> { ("grant_type", "authorization_code"), ("client_id", Key), ("redirect_uri", Redirect), ("code", "dummy") };
        if (secret is not null) form.Add(("client_secret", secret));

        var response = await TokenAsync([.. form]);
        await AssertOAuthErrorAsync(response, HttpStatusCode.Unauthorized, "invalid_client", "KOE010", "Bad client credentials");
    }

    [Fact]
    public async Task Right_secret_exchanges_and_refreshes()
    {
        var code = await CodeAsync();
        var response = await TokenAsync(("grant_type", "authorization_code"), ("client_id", Key), ("redirect_uri", Redirect),
            ("code", code), ("client_secret", "s3cret-value"));
        var tokens = await AssertKakaoJsonAsync(response, HttpStatusCode.OK);

        var refreshWithout = await TokenAsync(("grant_type", "refresh_token"), ("client_id", Key),
            ("refresh_token", tokens.GetProperty("refresh_token").GetString()!));
        await AssertOAuthErrorAsync(refreshWithout, HttpStatusCode.Unauthorized, "invalid_client", "KOE010");

        var refresh = await TokenAsync(("grant_type", "refresh_token"), ("client_id", Key),
            ("refresh_token", tokens.GetProperty("refresh_token").GetString()!), ("client_secret", "s3cret-value"));
        Assert.Equal(HttpStatusCode.OK, refresh.StatusCode);
    }
}
