using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using KakaoPS.Emulator;

namespace KakaoPS.Tests.Infrastructure;

/// <summary>One emulator (auto-consent on) for the tests that share it.</summary>
public sealed class EmulatorFixture : IAsyncLifetime
{
    private EmulatorHost? _host;

    public string BaseUrl => _host!.BaseUrl.GetLeftPart(UriPartial.Authority);

    public EmulatorControl Control { get; private set; } = null!;

    public string RestApiKey => EmulatorDefaults.RestApiKey;

    /// <summary>What a `dotnet pwsh` child needs to use this emulator and a token file of its own.</summary>
    public Dictionary<string, string?> ProcessEnvironment(string tokenPath) => new()
    {
        ["KAKAOPS_AUTH_URL"] = BaseUrl,
        ["KAKAOPS_API_URL"] = BaseUrl,
        ["KAKAOPS_TOKEN_PATH"] = tokenPath,
        ["KAKAO_REST_API_KEY"] = RestApiKey,
    };

    public async Task InitializeAsync()
    {
        _host = await EmulatorHost.StartAsync(new EmulatorOptions { AutoConsent = true });
        Control = new EmulatorControl(BaseUrl);
    }

    public async Task DisposeAsync()
    {
        IssuedTokenLog.Record(await Control.IssuedTokensAsync());
        Control.Dispose();
        await _host!.DisposeAsync();
    }
}
