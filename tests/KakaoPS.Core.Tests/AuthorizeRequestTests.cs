using System.Web;
using KakaoPS.Errors;
using KakaoPS.Http;
using KakaoPS.Login;

namespace KakaoPS.Core.Tests;

public sealed class AuthorizeRequestTests
{
    private static readonly KakaoEndpoints Kakao = new(KakaoEndpoints.DefaultAuthUrl, KakaoEndpoints.DefaultApiUrl);

    [Fact]
    public void The_lesson_URL_is_built_with_encoded_values()
    {
        var uri = new AuthorizeRequest { ClientId = "abc123" }.ToUri(Kakao);

        Assert.Equal("https://kauth.kakao.com/oauth/authorize?client_id=abc123&redirect_uri=http%3A%2F%2F127.0.0.1&response_type=code", uri.AbsoluteUri);
    }

    [Fact]
    public void Optional_parameters_round_trip_through_encoding()
    {
        var uri = new AuthorizeRequest
        {
            ClientId = "key",
            RedirectUri = "http://localhost:8400/callback?x=1&y=2",
            Scopes = new[] { "talk_message", "profile_nickname" },
            State = "a b&c=d/é",
            Prompt = new[] { "login", "select_account" },
            LoginHint = "user@example.com",
        }.ToUri(Kakao);

        var query = HttpUtility.ParseQueryString(uri.Query);
        Assert.Equal("http://localhost:8400/callback?x=1&y=2", query["redirect_uri"]);
        Assert.Equal("talk_message,profile_nickname", query["scope"]);
        Assert.Equal("a b&c=d/é", query["state"]);
        Assert.Equal("login,select_account", query["prompt"]);
        Assert.Equal("user@example.com", query["login_hint"]);
        Assert.Equal("code", query["response_type"]);
    }

    [Fact]
    public void The_auth_host_comes_from_the_endpoints()
    {
        var uri = new AuthorizeRequest { ClientId = "k" }.ToUri(new KakaoEndpoints("http://127.0.0.1:5000/", "http://127.0.0.1:5000"));

        Assert.StartsWith("http://127.0.0.1:5000/oauth/authorize?", uri.AbsoluteUri);
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("/callback")]
    [InlineData("myapp://callback")]
    public void Redirect_URIs_must_be_absolute_http(string redirectUri)
    {
        var error = Assert.Throws<KakaoException>(() => AuthorizeRequest.ValidateRedirectUri(redirectUri));

        Assert.Equal("InvalidRedirectUri", error.ErrorId);
    }

    [Fact]
    public void Endpoints_refuse_what_is_not_an_http_URL()
    {
        var error = Assert.Throws<KakaoException>(() => new KakaoEndpoints("kauth.kakao.com", KakaoEndpoints.DefaultApiUrl));

        Assert.Equal("InvalidEndpoint", error.ErrorId);
        Assert.Contains("KAKAOPS_AUTH_URL", error.RecommendedAction);
    }
}
