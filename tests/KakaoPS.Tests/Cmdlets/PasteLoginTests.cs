using System.IO;
using System.Threading.Tasks;
using System.Web;
using KakaoPS.Models;

namespace KakaoPS.Tests.Cmdlets;

/// <summary>The paste flow: Get-KakaoAuthUrl, consent in a browser, then the redirected URL or code.</summary>
[Collection(CmdletCollection.Name)]
public sealed class PasteLoginTests : CmdletTest
{
    public PasteLoginTests(CmdletEnvironment environment) : base(environment)
    {
    }

    private async Task<string> RedirectedUrlAsync(KakaoAuthUrl url)
    {
        var query = await Control.AuthorizeAsync(url.Url);
        return $"{url.RedirectUri}/?code={query["code"]}&state={query["state"]}";
    }

    [Fact]
    public async Task The_authorize_URL_carries_a_state_and_a_PKCE_challenge_that_the_redirected_URL_completes()
    {
        var url = Shell.Run("Get-KakaoAuthUrl -RestApiKey $args[0] -Scope talk_message", Key).Succeeded().Single<KakaoAuthUrl>();
        var query = HttpUtility.ParseQueryString(new System.Uri(url.Url).Query);
        Assert.False(string.IsNullOrEmpty(url.State));
        Assert.Equal(url.State, query["state"]);
        Assert.Equal("S256", query["code_challenge_method"]);
        Assert.Equal(43, query["code_challenge"]!.Length);

        var context = Shell.Run("Connect-Kakao -RedirectedUrl $args[0] -RestApiKey $args[1]", await RedirectedUrlAsync(url), Key)
            .Succeeded().Single<KakaoContext>();

        Assert.Equal(Key, context.ClientId);
        Assert.True(File.Exists(Folder.TokenPath));
        // The login is used up: no PKCE verifier is kept once the code is exchanged.
        Assert.All(System.Text.Json.JsonDocument.Parse(File.ReadAllText(Folder.TokenPath + ".pending")).RootElement.EnumerateArray(),
            login => Assert.Equal(string.Empty, login.GetProperty("CodeVerifier").GetString()));
    }

    [Fact]
    public async Task A_bare_code_after_Get_KakaoAuthUrl_uses_the_pending_verifier()
    {
        var url = Shell.Run("Get-KakaoAuthUrl -RestApiKey $args[0]", Key).Succeeded().Single<KakaoAuthUrl>();
        var code = (await Control.AuthorizeAsync(url.Url))["code"];

        Shell.Run("Connect-Kakao -Code $args[0] -RestApiKey $args[1]", code!, Key).Succeeded();

        Assert.True(File.Exists(Folder.TokenPath));
    }

    [Fact]
    public async Task A_forged_state_is_refused_before_any_exchange()
    {
        var url = Shell.Run("Get-KakaoAuthUrl -RestApiKey $args[0]", Key).Succeeded().Single<KakaoAuthUrl>();
        var query = await Control.AuthorizeAsync(url.Url);
        var forged = $"http://127.0.0.1/?code={query["code"]}&state=forged-{url.State}";

        var error = Shell.Run("Connect-Kakao -RedirectedUrl $args[0] -RestApiKey $args[1]", forged, Key).SingleError();

        Assert.StartsWith("StateMismatch,", error.FullyQualifiedErrorId);
        Assert.DoesNotContain(await Control.RequestsAsync(), r => r.GetProperty("path").GetString() == "/oauth/token");
        Assert.False(File.Exists(Folder.TokenPath));

        // The real redirect still works: the forged attempt used nothing up.
        Shell.Run("Connect-Kakao -RedirectedUrl $args[0] -RestApiKey $args[1]", $"http://127.0.0.1/?code={query["code"]}&state={query["state"]}", Key).Succeeded();
    }

    [Fact]
    public void A_cancelled_consent_becomes_a_clear_error()
    {
        var error = Shell.Run("Connect-Kakao -RedirectedUrl 'http://127.0.0.1/?error=access_denied&error_description=User%20denied%20access' -RestApiKey $args[0]", Key).SingleError();

        Assert.StartsWith("AccessDenied,", error.FullyQualifiedErrorId);
        Assert.Contains("User denied access", error.ToString());
        Assert.Contains("동의하고 계속하기", error.ErrorDetails.RecommendedAction);
    }

    [Fact]
    public void A_URL_without_code_or_error_is_refused()
    {
        var error = Shell.Run("Connect-Kakao -RedirectedUrl 'http://127.0.0.1/?foo=bar' -RestApiKey $args[0]", Key).SingleError();

        Assert.StartsWith("InvalidRedirectedUrl,", error.FullyQualifiedErrorId);
    }
}
