using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using KakaoPS.Tests.Infrastructure;

namespace KakaoPS.Tests.Attacks;

/// <summary>
/// A proxy in the environment (http_proxy, as CI runners and corporate shells set it) must never see a
/// loopback endpoint's traffic, which carries the client secret and the refresh token in clear text over
/// http://: on PowerShell 7 too, where .NET itself reads the variables.
/// </summary>
public sealed class LoopbackProxyAttackTests : IClassFixture<EmulatorFixture>, IDisposable
{
    private readonly EmulatorFixture _emulator;
    private readonly TempFolder _folder = new();

    public LoopbackProxyAttackTests(EmulatorFixture emulator)
    {
        _emulator = emulator;
    }

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("localhost")]
    public async Task A_loopback_endpoint_goes_direct_whatever_proxy_the_environment_names(string host)
    {
        var seed = (await _emulator.Control.IssueTokensAsync()).GetProperty("refresh_token").GetString()!;
        var endpoint = $"http://{host}:{new Uri(_emulator.BaseUrl).Port}";
        // A proxy that answers nothing: a request that goes to it fails.
        var environment = new Dictionary<string, string?>(_emulator.ProcessEnvironment(_folder.TokenPath))
        {
            ["KAKAOPS_AUTH_URL"] = endpoint,
            ["KAKAOPS_API_URL"] = endpoint,
            ["SEED"] = seed,
            ["http_proxy"] = "http://127.0.0.1:9",
            ["HTTP_PROXY"] = "http://127.0.0.1:9",
            ["ALL_PROXY"] = "http://127.0.0.1:9",
        };

        var run = await PwshProcess.RunAsync(
            "Connect-Kakao -RefreshToken $env:SEED -ContextScope Process | Out-Null; 'sent=' + (Send-KakaoMemo -Text 'direct').Success",
            environment);

        Assert.True(run.ExitCode == 0, $"exit code {run.ExitCode}: {run.Output} {run.Error}");
        Assert.Contains("sent=True", run.Output);
    }
}
