using System.Net;
using KakaoPS.Emulator.Tests.Support;

namespace KakaoPS.Emulator.Tests;

public sealed class PkceTests : EmulatorTest
{
    private const string Verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";

    private Task<HttpResponseMessage> ExchangeWithVerifierAsync(string code, string? verifier)
    {
        var form = new List<(string, string)> { ("grant_type", "authorization_code"), ("client_id", Key), ("redirect_uri", Redirect), ("code", code) };
        if (verifier is not null) form.Add(("code_verifier", verifier));
        return TokenAsync([.. form]);
    }

    [Fact]
    public async Task S256_challenge_is_the_default_and_a_matching_verifier_gets_tokens()
    {
        // RFC 7636 appendix B's example pair.
        Assert.Equal("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM", Pkce.Challenge(Verifier));
        var code = await CodeAsync("&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");

        Assert.Equal(HttpStatusCode.OK, (await ExchangeWithVerifierAsync(code, Verifier)).StatusCode);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("some-other-verifier-some-other-verifier-some-other")]
    public async Task Missing_or_wrong_verifier_is_invalid_grant(string? verifier)
    {
        var code = await CodeAsync("&code_challenge_method=S256&code_challenge=" + Pkce.Challenge(Verifier));
        await AssertOAuthErrorAsync(await ExchangeWithVerifierAsync(code, verifier), HttpStatusCode.BadRequest,
            "invalid_grant", "KOE320", "code_verifier does not match code_challenge");
    }

    [Fact]
    public async Task Plain_method_compares_verbatim()
    {
        var code = await CodeAsync("&code_challenge_method=plain&code_challenge=" + Verifier);
        Assert.Equal(HttpStatusCode.OK, (await ExchangeWithVerifierAsync(code, Verifier)).StatusCode);
    }

    [Fact]
    public async Task Verifier_without_a_bound_challenge_is_ignored()
    {
        Assert.Equal(HttpStatusCode.OK, (await ExchangeWithVerifierAsync(await CodeAsync(), Verifier)).StatusCode);
    }

    [Fact]
    public async Task Unknown_challenge_method_is_an_error_page()
    {
        var response = await Http.GetAsync(AuthorizePath($"client_id={Key}&redirect_uri={Redirect}&response_type=code&code_challenge=x&code_challenge_method=S512"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("KOE001", await response.Content.ReadAsStringAsync());
    }
}
