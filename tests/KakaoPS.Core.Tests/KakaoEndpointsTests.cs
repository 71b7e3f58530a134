using KakaoPS.Errors;
using KakaoPS.Http;

namespace KakaoPS.Core.Tests;

/// <summary>
/// Endpoints and links are parsed once and remembered; what is remembered must never outlive the
/// value it came from, nor turn a refusal into an acceptance.
/// </summary>
public sealed class KakaoEndpointsTests
{
    [Fact]
    public void Other_urls_give_other_endpoints_after_the_first_were_remembered()
    {
        var first = KakaoEndpoints.Of("http://127.0.0.1:5001/", "http://127.0.0.1:5002");
        var second = KakaoEndpoints.Of("http://127.0.0.1:6001", "http://127.0.0.1:6002/");
        var firstAgain = KakaoEndpoints.Of("http://127.0.0.1:5001/", "http://127.0.0.1:5002");

        Assert.Equal(("http://127.0.0.1:5001", "http://127.0.0.1:5002"), (first.AuthUrl, first.ApiUrl));
        Assert.Equal(("http://127.0.0.1:6001", "http://127.0.0.1:6002"), (second.AuthUrl, second.ApiUrl));
        Assert.Equal(first, firstAgain);
    }

    [Fact]
    public void An_invalid_url_is_refused_each_time_it_is_given()
    {
        for (var i = 0; i < 2; i++)
        {
            var refused = Assert.Throws<KakaoException>(() => KakaoEndpoints.Of("kauth.kakao.com", "https://kapi.kakao.com"));
            Assert.Equal("InvalidEndpoint", refused.ErrorId);
        }

        Assert.Equal("https://kauth.kakao.com", KakaoEndpoints.Of("https://kauth.kakao.com", "https://kapi.kakao.com").AuthUrl);
    }

    [Fact]
    public void Plain_http_to_another_host_is_refused_on_every_request()
    {
        var endpoints = KakaoEndpoints.Of("https://kauth.kakao.com", "http://kapi.example.com");

        for (var i = 0; i < 2; i++)
        {
            Assert.Equal("InsecureEndpoint", Assert.Throws<KakaoException>(() => endpoints.Api("/v2/api/talk/memo/default/send")).ErrorId);
        }

        Assert.Equal("https://kauth.kakao.com/oauth/token", endpoints.Auth("/oauth/token").AbsoluteUri);
    }

    [Theory]
    [InlineData("https://developers.kakao.com", true)]
    [InlineData("ftp://developers.kakao.com", false)]
    [InlineData("developers.kakao.com", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void A_link_is_valid_whatever_was_checked_before_it(string? link, bool valid)
    {
        Assert.True(HttpUrl.IsValid("https://developers.kakao.com"));
        Assert.Equal(valid, HttpUrl.IsValid(link));
        Assert.False(HttpUrl.IsValid("javascript:alert(1)"));
        Assert.Equal(valid, HttpUrl.IsValid(link));
    }
}
