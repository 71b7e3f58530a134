using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Threading.Tasks;
using System.Web;
using KakaoPS.Models;
using KakaoPS.Tests.Infrastructure;
using static KakaoPS.Tests.Infrastructure.Network;

namespace KakaoPS.Tests.Cmdlets;

/// <summary>
/// The mistakes people make while logging in (pasting the wrong thing, two authorize URLs, a
/// timed-out browser login), each of which must end in a login, and the checks none of them may
/// weaken: state, PKCE, the listener's Host and the ports it takes.
/// </summary>
[Collection(CmdletCollection.Name)]
public sealed class LoginMistakesTests : CmdletTest
{
    public LoginMistakesTests(CmdletEnvironment environment) : base(environment)
    {
    }

    public override void Dispose()
    {
        Environment.SetEnvironmentVariable("BROWSER", null);
        base.Dispose();
    }

    private KakaoAuthUrl AuthUrl(string arguments = "") =>
        Shell.Run("Get-KakaoAuthUrl -RestApiKey $args[0] " + arguments, Key).Succeeded().Single<KakaoAuthUrl>();

    /// <summary>Consents with the URL and returns the address the browser lands on.</summary>
    private async Task<string> LandAsync(string authorizeUrl)
    {
        var query = await Control.AuthorizeAsync(authorizeUrl);
        var redirectUri = HttpUtility.ParseQueryString(new Uri(authorizeUrl).Query)["redirect_uri"];
        return $"{new Uri(redirectUri!).AbsoluteUri}?code={query["code"]}&state={query["state"]}";
    }

    private async Task<int> TokenRequestsAsync() =>
        (await Control.RequestsAsync()).Count(r => r.GetProperty("path").GetString() == "/oauth/token");

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task The_whole_address_in_Code_is_read_as_the_redirected_URL_with_its_state_checked(bool wholeUrl)
    {
        var landed = await LandAsync(AuthUrl().Url);
        var pasted = wholeUrl ? landed : landed.Substring(landed.IndexOf("code=", StringComparison.Ordinal));

        var result = Shell.Run("Connect-Kakao -Code $args[0] -RestApiKey $args[1]", pasted, Key).Succeeded();

        Assert.Equal(Key, result.Single<KakaoContext>().ClientId);
        Assert.Contains(result.Warnings, w => w.Contains("-RedirectedUrl"));
        Assert.Equal(1, await TokenRequestsAsync());
    }

    [Fact]
    public async Task A_whole_address_in_Code_with_a_forged_state_is_refused_before_any_exchange()
    {
        var landed = await LandAsync(AuthUrl().Url);

        var error = Shell.Run("Connect-Kakao -Code $args[0] -RestApiKey $args[1]", landed.Replace("state=", "state=forged"), Key).SingleError();

        Assert.StartsWith("StateMismatch,", error.FullyQualifiedErrorId);
        Assert.Equal(0, await TokenRequestsAsync());
    }

    [Theory]
    [InlineData("   ")]
    [InlineData("abc def")]
    [InlineData("abc&def")]
    [InlineData("abc\ndef")]
    public async Task Blank_or_malformed_codes_are_refused_before_Kakao_and_the_login_goes_on(string code)
    {
        var landed = await LandAsync(AuthUrl().Url);

        var error = Shell.Run("Connect-Kakao -Code $args[0] -RestApiKey $args[1]", code, Key).SingleError();

        Assert.StartsWith("InvalidAuthorizationCode,", error.FullyQualifiedErrorId);
        Assert.Equal(0, await TokenRequestsAsync());
        Shell.Run("Connect-Kakao -RedirectedUrl $args[0] -RestApiKey $args[1]", landed, Key).Succeeded();
    }

    [Fact]
    public async Task A_code_Kakao_refuses_does_not_use_up_the_pending_login()
    {
        var landed = await LandAsync(AuthUrl().Url);

        var error = Shell.Run("Connect-Kakao -Code 'never-issued' -RestApiKey $args[0]", Key).SingleError();
        Assert.StartsWith("KOE320,", error.FullyQualifiedErrorId);

        Shell.Run("Connect-Kakao -RedirectedUrl $args[0] -RestApiKey $args[1]", landed, Key).Succeeded();
    }

    [Fact]
    public async Task A_repeated_Get_KakaoAuthUrl_is_the_same_login_so_either_URL_works_and_New_starts_another()
    {
        var first = AuthUrl("-Scope talk_message");
        var second = AuthUrl("-Scope talk_message");
        var other = AuthUrl("-Scope talk_message -New");

        Assert.Equal(first.State, second.State);
        Assert.NotEqual(first.State, other.State);

        // Consented with the first URL, finished with the bare code, as the lesson does.
        var code = (await Control.AuthorizeAsync(first.Url))["code"];
        var error = Shell.Run("Connect-Kakao -Code $args[0] -RestApiKey $args[1]", code!, Key).SingleError();

        // -New made a newer login, so this code meets the newer verifier: the error says what happened.
        Assert.Contains("another authorize URL", error.ToString());
        Assert.Contains("-RedirectedUrl", error.ErrorDetails.RecommendedAction);

        // Doing as it says ends in a login.
        Shell.Run("Connect-Kakao -RedirectedUrl $args[0] -RestApiKey $args[1]", await LandAsync(first.Url), Key).Succeeded();
    }

    [Fact]
    public async Task The_first_of_two_authorize_URLs_completes_with_a_bare_code()
    {
        var first = AuthUrl();
        AuthUrl();
        var code = (await Control.AuthorizeAsync(first.Url))["code"];

        Shell.Run("Connect-Kakao -Code $args[0] -RestApiKey $args[1]", code!, Key).Succeeded();
    }

    [Fact]
    public async Task Re_pasting_an_address_that_already_logged_in_says_so_and_sends_nothing()
    {
        var landed = await LandAsync(AuthUrl().Url);
        Shell.Run("Connect-Kakao -RedirectedUrl $args[0] -RestApiKey $args[1]", landed, Key).Succeeded();

        var again = Shell.Run("Connect-Kakao -RedirectedUrl $args[0] -RestApiKey $args[1]", landed, Key).SingleError();
        var asCode = Shell.Run("Connect-Kakao -Code $args[0] -RestApiKey $args[1]", landed, Key).SingleError();

        foreach (var error in new[] { again, asCode })
        {
            Assert.StartsWith("AuthorizationAlreadyUsed,", error.FullyQualifiedErrorId);
            Assert.Contains("already used to log in", error.ToString());
            Assert.DoesNotContain("ignore the URL", error.ErrorDetails.RecommendedAction);
        }

        Assert.Equal(1, await TokenRequestsAsync());

        // The bare code goes to Kakao, whose KOE320 is then explained.
        var bare = Shell.Run("Connect-Kakao -Code $args[0] -RestApiKey $args[1]", HttpUtility.ParseQueryString(new Uri(landed).Query)["code"]!, Key).SingleError();
        Assert.StartsWith("KOE320,", bare.FullyQualifiedErrorId);
        Assert.Contains("already used to log in", bare.ToString());
    }

    [Fact]
    public async Task An_address_pasted_after_the_login_expired_says_so_and_sends_nothing()
    {
        var url = AuthUrl();
        var landed = await LandAsync(url.Url);
        var pending = Folder.TokenPath + ".pending";
        var eleven = DateTimeOffset.UtcNow.AddMinutes(-11).ToString("o");
        File.WriteAllText(pending, System.Text.RegularExpressions.Regex.Replace(File.ReadAllText(pending), "\"CreatedAt\":\"[^\"]+\"", $"\"CreatedAt\":\"{eleven}\""));

        var error = Shell.Run("Connect-Kakao -RedirectedUrl $args[0] -RestApiKey $args[1]", landed, Key).SingleError();

        Assert.StartsWith("LoginExpired,", error.FullyQualifiedErrorId);
        Assert.Contains("Get-KakaoAuthUrl", error.ErrorDetails.RecommendedAction);
        Assert.Equal(0, await TokenRequestsAsync());
    }

    [Fact]
    public async Task A_redirected_URL_without_a_state_is_refused_as_a_possible_login_of_someone_else()
    {
        var code = await Control.NewCodeAsync(Key);

        var error = Shell.Run("Connect-Kakao -RedirectedUrl $args[0] -RestApiKey $args[1]", $"http://127.0.0.1/?code={code}", Key).SingleError();

        Assert.StartsWith("RedirectedUrlWithoutState,", error.FullyQualifiedErrorId);
        Assert.Equal(0, await TokenRequestsAsync());
        // The lesson's bare code stays.
        Shell.Run("Connect-Kakao -Code $args[0] -RestApiKey $args[1]", code, Key).Succeeded();
    }

    [Fact]
    public async Task A_login_without_talk_message_consent_warns_and_names_the_command_that_asks_again()
    {
        var url = AuthUrl();
        var query = HttpUtility.ParseQueryString(new Uri(url.Url).Query);
        // The browser's consent form posted with 카카오톡 메시지 전송 unticked.
        var form = query.AllKeys.ToDictionary(k => k!, k => query[k]!);
        form["action"] = "agree";
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        using var posted = await browser.PostAsync(Emulator.BaseUrl + "/oauth/authorize/consent", new FormUrlEncodedContent(form));
        var landed = posted.Headers.Location!.AbsoluteUri;

        var result = Shell.Run("Connect-Kakao -RedirectedUrl $args[0] -RestApiKey $args[1]", landed, Key).Succeeded();

        Assert.DoesNotContain("talk_message", result.Single<KakaoContext>().Scopes);
        var warning = Assert.Single(result.Warnings, w => w.Contains("talk_message"));
        Assert.Contains("-Scope talk_message", warning);
    }

    [Fact]
    public async Task After_a_CI_login_the_refresh_token_check_says_why_its_expiry_is_unknown_and_does_not_send_back_to_Connect_Kakao()
    {
        var refreshToken = (await Control.IssueTokensAsync()).GetProperty("refresh_token").GetString()!;
        var context = Shell.Run("Connect-Kakao -RefreshToken $args[0] -RestApiKey $args[1] -ContextScope Process", refreshToken, Key)
            .Succeeded().Single<KakaoContext>();
        Assert.Null(context.RefreshTokenExpiresAt);

        var check = Shell.Run("Test-KakaoConnection").Succeeded().All<KakaoConnectionCheck>().Single(c => c.Check == "RefreshToken");

        Assert.True(check.Ok);
        Assert.DoesNotContain("Connect-Kakao", check.Remedy ?? string.Empty);
        Assert.Contains("replaces", check.Message);
        Shell.Run("Disconnect-Kakao -Confirm:$false");
    }

    // The browser login.

    private string LoopbackRedirectUri(int port, string host = "127.0.0.1") => $"http://{host}:{port}/callback";

    /// <summary>A free loopback redirect URI registered for the app, and $BROWSER set to the stand-in <paramref name="browser"/> picks.</summary>
    private async Task<(string RedirectUri, BrowserStandIn StandIn)> PrepareBrowserLoginAsync(Func<BrowserStandIn, string> browser)
    {
        var redirectUri = LoopbackRedirectUri(FreePort());
        await Control.ConfigureAppAsync(Key, new { redirectUris = new[] { "http://127.0.0.1", redirectUri } });
        var standIn = new BrowserStandIn(Folder);
        Environment.SetEnvironmentVariable("BROWSER", browser(standIn));
        return (redirectUri, standIn);
    }

    [Fact]
    public async Task The_browser_login_shows_the_URL_while_it_waits_and_keeps_the_progress_bar()
    {
        var (redirectUri, _) = await PrepareBrowserLoginAsync(b => b.Follower());

        var result = Shell.Run("Connect-Kakao -RestApiKey $args[0] -RedirectUri $args[1]", Key, redirectUri).Succeeded();

        Assert.Contains(result.Information, i => (i.MessageData?.ToString() ?? "").Contains(Emulator.BaseUrl + "/oauth/authorize?"));
        Assert.NotEmpty(result.Progress);
    }

    [Fact]
    public async Task A_timed_out_browser_login_names_the_causes_and_the_address_the_browser_lands_on_completes_it()
    {
        var (redirectUri, standIn) = await PrepareBrowserLoginAsync(b => b.Recorder());

        var error = Shell.Run("Connect-Kakao -RestApiKey $args[0] -RedirectUri $args[1] -TimeoutSec 1", Key, redirectUri).SingleError();

        Assert.StartsWith("LoginTimedOut,", error.FullyQualifiedErrorId);
        var advice = error.ToString() + " " + error.ErrorDetails.RecommendedAction;
        Assert.Contains("KOE006", advice);
        Assert.Contains(redirectUri, advice);
        Assert.Contains("KOE101", advice);
        Assert.Contains("-RedirectedUrl", advice);

        // The user consents late; the browser lands on the address the listener no longer serves.
        var url = await BrowserStandIn.WaitForFileAsync(standIn.UrlPath, TimeSpan.FromSeconds(30));
        var landed = await LandAsync(url);
        Shell.Run("Connect-Kakao -RedirectedUrl $args[0] -RestApiKey $args[1]", landed, Key).Succeeded();
    }

    [Fact]
    public async Task The_listener_answers_400_to_another_Host_and_to_a_callback_with_neither_code_nor_error()
    {
        var (redirectUri, standIn) = await PrepareBrowserLoginAsync(b => b.Recorder());
        using var shell = Shell.Create("Connect-Kakao -RestApiKey $args[0] -RedirectUri $args[1] -TimeoutSec 120", Key, redirectUri);
        var running = shell.BeginInvoke();
        var url = await BrowserStandIn.WaitForFileAsync(standIn.UrlPath, TimeSpan.FromSeconds(60));
        var state = HttpUtility.ParseQueryString(new Uri(url).Query)["state"];
        var landed = await LandAsync(url);

        using var http = new HttpClient();
        using var rebound = new HttpRequestMessage(HttpMethod.Get, landed);
        rebound.Headers.Host = "attacker.example";
        Assert.Equal(HttpStatusCode.BadRequest, (await http.SendAsync(rebound)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await http.GetAsync($"{redirectUri}?state={state}")).StatusCode);
        Assert.Equal(0, await TokenRequestsAsync());

        // The genuine redirect still completes the login.
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(landed)).StatusCode);
        await Task.Factory.FromAsync(running, shell.EndInvoke);
        Assert.Empty(shell.Streams.Error);
        Assert.Equal(1, await TokenRequestsAsync());
    }

    [Fact]
    public async Task A_localhost_redirect_URI_whose_IPv6_port_is_taken_fails_with_LoopbackPortInUse()
    {
        var squatter = new TcpListener(IPAddress.IPv6Loopback, 0);
        squatter.Start();
        try
        {
            var redirectUri = LoopbackRedirectUri(((IPEndPoint)squatter.LocalEndpoint).Port, "localhost");
            Environment.SetEnvironmentVariable("BROWSER", "true");

            var error = Shell.Run("Connect-Kakao -RestApiKey $args[0] -RedirectUri $args[1] -TimeoutSec 2", Key, redirectUri).SingleError();

            Assert.StartsWith("LoopbackPortInUse,", error.FullyQualifiedErrorId);
            Assert.Contains("[::1]", error.ToString());
        }
        finally
        {
            squatter.Stop();
        }
    }
}
