using System;
using System.Collections.Generic;
using System.Net;
using KakaoPS.Http;

namespace KakaoPS.Core.Tests;

/// <summary>
/// The proxy rule Windows PowerShell uses (its .NET Framework ignores HTTPS_PROXY): the same
/// answers PowerShell 7's own HttpClient gives for the same variables.
/// </summary>
public sealed class EnvironmentProxyTests
{
    private static EnvironmentProxy? Proxy(params (string Name, string Value)[] variables)
    {
        var values = new Dictionary<string, string>();
        foreach (var (name, value) in variables)
        {
            values[name] = value;
        }

        return EnvironmentProxy.FromVariables(name => values.TryGetValue(name, out var value) ? value : null);
    }

    [Fact]
    public void No_variables_no_proxy()
    {
        Assert.Null(Proxy());
        Assert.Null(Proxy(("HTTPS_PROXY", "  ")));
        Assert.Null(Proxy(("HTTPS_PROXY", "socks5://proxy:1080")));
    }

    [Fact]
    public void HTTPS_PROXY_carries_https_requests_and_HTTP_PROXY_plain_ones()
    {
        var proxy = Proxy(("HTTPS_PROXY", "http://secure.corp:3128"), ("HTTP_PROXY", "plain.corp:8080"))!;

        Assert.Equal(new Uri("http://secure.corp:3128"), proxy.GetProxy(new Uri("https://kapi.kakao.com/v2/api/talk/memo/default/send")));
        Assert.Equal(new Uri("http://plain.corp:8080"), proxy.GetProxy(new Uri("http://kapi.kakao.com/")));
    }

    [Fact]
    public void Lower_case_names_win_and_ALL_PROXY_fills_in()
    {
        var proxy = Proxy(("https_proxy", "http://lower:1"), ("HTTPS_PROXY", "http://upper:2"), ("ALL_PROXY", "http://all:3"))!;

        Assert.Equal(new Uri("http://lower:1"), proxy.GetProxy(new Uri("https://kauth.kakao.com/oauth/token")));
        Assert.Equal(new Uri("http://all:3"), proxy.GetProxy(new Uri("http://kauth.kakao.com/oauth/token")));
    }

    [Fact]
    public void Under_CGI_an_upper_case_HTTP_PROXY_is_a_request_header_and_not_trusted()
    {
        Assert.Null(Proxy(("HTTP_PROXY", "http://evil:1"), ("GATEWAY_INTERFACE", "CGI/1.1")));
    }

    [Fact]
    public void Loopback_always_goes_direct()
    {
        var proxy = Proxy(("HTTPS_PROXY", "http://proxy.corp:3128"), ("HTTP_PROXY", "http://proxy.corp:3128"))!;

        Assert.True(proxy.IsBypassed(new Uri("http://127.0.0.1:5000/")));
        Assert.True(proxy.IsBypassed(new Uri("https://localhost/")));
        Assert.True(proxy.IsBypassed(new Uri("http://[::1]:8400/callback")));
        Assert.False(proxy.IsBypassed(new Uri("https://kapi.kakao.com/")));
    }

    [Theory]
    [InlineData("kakao.com", "https://kakao.com/", true)]
    [InlineData("kakao.com", "https://kapi.kakao.com/", true)]
    [InlineData(".kakao.com", "https://kapi.kakao.com/", true)]
    [InlineData("*.kakao.com", "https://kauth.kakao.com/", true)]
    [InlineData("kakao.com:443", "https://kapi.kakao.com/", true)]
    [InlineData(" other.org , KAKAO.COM ", "https://kapi.kakao.com/", true)]
    [InlineData("kakao.com", "https://notkakao.com/", false)]
    [InlineData("kapi.kakao.com", "https://kauth.kakao.com/", false)]
    [InlineData("10.0.0.5", "https://10.0.0.5:8443/", true)]
    [InlineData("*", "https://kapi.kakao.com/", true)]
    [InlineData("", "https://kapi.kakao.com/", false)]
    public void NO_PROXY_names_hosts_and_their_subdomains(string noProxy, string destination, bool direct)
    {
        var proxy = Proxy(("HTTPS_PROXY", "http://proxy.corp:3128"), ("NO_PROXY", noProxy))!;

        Assert.Equal(direct, proxy.IsBypassed(new Uri(destination)));
        Assert.Equal(direct ? null : new Uri("http://proxy.corp:3128"), proxy.GetProxy(new Uri(destination)));
    }

    [Fact]
    public void Credentials_in_the_proxy_URL_are_the_proxys_credentials()
    {
        var proxy = Proxy(("HTTPS_PROXY", "http://me%40corp:p%3Ass@proxy.corp:3128"))!;

        var credential = proxy.Credentials!.GetCredential(new Uri("http://proxy.corp:3128"), "Basic")!;
        Assert.Equal("me@corp", credential.UserName);
        Assert.Equal("p:ss", credential.Password);
    }

    [Theory]
    [InlineData("http://127.0.0.1:8400/oauth/token")]
    [InlineData("http://localhost:8400/oauth/token")]
    [InlineData("http://[::1]:8400/oauth/token")]
    public void Loopback_goes_direct_whatever_the_variables_name(string destination)
    {
        var proxy = EnvironmentProxy.FromVariables(name => name == "http_proxy" || name == "HTTPS_PROXY" ? "http://proxy.example:3128" : null)!;

        Assert.True(proxy.IsBypassed(new Uri(destination)));
        Assert.Null(proxy.GetProxy(new Uri(destination)));
    }
}
