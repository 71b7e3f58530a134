using System;
using System.Diagnostics;
using System.IO;
using System.Management.Automation;
using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks;
using static KakaoPS.Tests.Infrastructure.Network;

namespace KakaoPS.Tests.Cmdlets;

/// <summary>What goes wrong around the loopback listener, in-process.</summary>
[Collection(CmdletCollection.Name)]
public sealed class BrowserLoginTests : CmdletTest
{
    public BrowserLoginTests(CmdletEnvironment environment) : base(environment)
    {
        Environment.SetEnvironmentVariable("BROWSER", "true");
    }

    public override void Dispose()
    {
        Environment.SetEnvironmentVariable("BROWSER", null);
        base.Dispose();
    }

    [Fact]
    public void A_taken_port_gives_a_friendly_error()
    {
        var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        try
        {
            var port = ((IPEndPoint)taken.LocalEndpoint).Port;

            var error = Shell.Run("Connect-Kakao -RestApiKey $args[0] -RedirectUri $args[1]", Key, $"http://127.0.0.1:{port}/callback").SingleError();

            Assert.StartsWith("LoopbackPortInUse,", error.FullyQualifiedErrorId);
            Assert.Contains(port.ToString(), error.ToString());
            Assert.Contains("-RedirectUri", error.ErrorDetails.RecommendedAction);
        }
        finally
        {
            taken.Stop();
        }
    }

    [Theory]
    [InlineData("https://example.com/callback")]
    [InlineData("http://192.168.0.10:8400/callback")]
    public void The_listener_only_takes_loopback_http_redirect_URIs(string redirectUri)
    {
        var error = Shell.Run("Connect-Kakao -RestApiKey $args[0] -RedirectUri $args[1]", Key, redirectUri).SingleError();

        Assert.StartsWith("RedirectUriNotLoopback,", error.FullyQualifiedErrorId);
    }

    [Fact]
    public async Task Ctrl_C_stops_the_wait_at_once_and_writes_nothing()
    {
        using var shell = PowerShell.Create();
        shell.AddScript("Import-Module $args[0]; Connect-Kakao -RestApiKey $args[1] -RedirectUri $args[2] -TimeoutSec 600")
            .AddArgument(Path.Combine(AppContext.BaseDirectory, "KakaoPS.psd1"))
            .AddArgument(Key)
            .AddArgument($"http://127.0.0.1:{FreePort()}/callback");
        var running = shell.BeginInvoke();
        await Task.Delay(1500);
        Assert.False(running.IsCompleted, "the login should be waiting for the browser");

        var watch = Stopwatch.StartNew();
        await Task.Factory.FromAsync(shell.BeginStop(null, null), shell.EndStop);

        Assert.True(running.IsCompleted);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), $"stopping took {watch.Elapsed}");
        Assert.Equal(PSInvocationState.Stopped, shell.InvocationStateInfo.State);
        Assert.False(File.Exists(Folder.TokenPath));
    }
}
