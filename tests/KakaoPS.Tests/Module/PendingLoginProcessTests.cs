using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using KakaoPS.Tests.Infrastructure;

namespace KakaoPS.Tests.Module;

/// <summary>Logins started by several `dotnet pwsh` processes at once share one pending-login file.</summary>
public sealed class PendingLoginProcessTests : IClassFixture<EmulatorFixture>, IDisposable
{
    private const int Processes = 6;

    private readonly EmulatorFixture _emulator;
    private readonly TempFolder _folder = new();

    public PendingLoginProcessTests(EmulatorFixture emulator)
    {
        _emulator = emulator;
    }

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Six_Get_KakaoAuthUrl_started_at_once_leave_six_logins_that_each_complete()
    {
        await _emulator.Control.ResetAsync();
        var environment = _emulator.ProcessEnvironment(_folder.TokenPath);

        // Each with a state of its own, so that each is a login of its own.
        var runs = await Task.WhenAll(Enumerable.Range(1, Processes).Select(_ =>
            PwshProcess.RunAsync($"(Get-KakaoAuthUrl -State '{Guid.NewGuid():N}').Url", environment)));
        var urls = runs.Select(r => r.Succeeded().Output.Trim()).ToList();

        var landed = new List<string>();
        foreach (var url in urls)
        {
            var query = await _emulator.Control.AuthorizeAsync(url);
            landed.Add($"http://127.0.0.1/?code={query["code"]}&state={query["state"]}");
        }

        var script = string.Join("; ", landed.Select(l => $"Connect-Kakao -RedirectedUrl '{l}' | Out-Null"));
        (await PwshProcess.RunAsync(script + "; 'all logged in'", environment)).Succeeded();
    }
}
