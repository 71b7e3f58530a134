using System;
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
