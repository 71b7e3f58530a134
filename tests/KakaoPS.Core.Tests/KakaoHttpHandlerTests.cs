using System.Security.Authentication;
using KakaoPS.Http;

namespace KakaoPS.Core.Tests;

public sealed class KakaoHttpHandlerTests
{
    [Fact]
    public void On_NET_Framework_the_handler_asks_for_TLS_1_2_and_elsewhere_leaves_the_choice_to_the_system()
    {
        using var framework = KakaoHttpHandler.Create(onNetFramework: true, _ => null);
        using var dotnet = KakaoHttpHandler.Create(onNetFramework: false, _ => null);

        Assert.Equal(SslProtocols.Tls12, framework.SslProtocols);
        Assert.Equal(SslProtocols.None, dotnet.SslProtocols);
        Assert.False(framework.AllowAutoRedirect);
        Assert.False(dotnet.AllowAutoRedirect);
    }

    [Fact]
    public void The_module_reads_the_proxy_variables_itself_on_every_edition()
    {
        static string? Variables(string name) => name == "HTTPS_PROXY" ? "http://proxy.example:3128" : null;

        using var dotnet = KakaoHttpHandler.Create(onNetFramework: false, Variables);
        using var framework = KakaoHttpHandler.Create(onNetFramework: true, Variables);
        using var none = KakaoHttpHandler.Create(onNetFramework: false, _ => null);

        Assert.IsType<EnvironmentProxy>(dotnet.Proxy);
        Assert.IsType<EnvironmentProxy>(framework.Proxy);
        Assert.Null(none.Proxy);
    }
}
