using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using KakaoPS.Tests.Infrastructure;

namespace KakaoPS.Tests.Module;

/// <summary>The throttle shared by real `dotnet pwsh` processes of one user, through kakao_throttle.json.</summary>
public sealed class ThrottleProcessTests : IClassFixture<EmulatorFixture>, IDisposable
{
    private const string Alert = """
        $ErrorActionPreference = 'Stop'
        Send-KakaoMemo 'disk /var 91% full' -Throttle '01:00:00' | Select-Object Success, Suppressed, HeldBack, Text | ConvertTo-Json -Compress
        """;

    private readonly EmulatorFixture _emulator;
    private readonly TempFolder _folder = new();

    public ThrottleProcessTests(EmulatorFixture emulator)
    {
        _emulator = emulator;
    }

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Two_processes_sending_the_same_alert_send_it_once_and_hold_the_other_back()
    {
        await TokenFiles.WriteAsync(_emulator, _folder.TokenPath);
        var environment = _emulator.ProcessEnvironment(_folder.TokenPath);
        var before = (await _emulator.Control.MemoTextsAsync()).Count(t => t == "disk /var 91% full");

        var runs = await Task.WhenAll(PwshProcess.RunAsync(Alert, environment), PwshProcess.RunAsync(Alert, environment));

        var results = runs.Select(r => JsonDocument.Parse(r.Succeeded().Output).RootElement).ToList();
        Assert.Single(results, r => r.GetProperty("Success").GetBoolean() && !r.GetProperty("Suppressed").GetBoolean());
        Assert.Single(results, r => !r.GetProperty("Success").GetBoolean() && r.GetProperty("Suppressed").GetBoolean());
        Assert.All(runs, r => Assert.Equal(string.Empty, r.Error.Trim()));
        Assert.Equal(before + 1, (await _emulator.Control.MemoTextsAsync()).Count(t => t == "disk /var 91% full"));

        var throttlePath = ThrottleFiles.Beside(_folder.TokenPath);
        var content = File.ReadAllText(throttlePath);
        Assert.DoesNotContain("disk", content);
        Assert.DoesNotContain("91%", content);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(throttlePath));
        }

        // A third process after the window: sent, and it says one was held back.
        ThrottleFiles.Age(throttlePath, TimeSpan.FromHours(2));
        var english = new Dictionary<string, string?>(environment) { ["LANG"] = "en_US.UTF-8", ["LC_ALL"] = "en_US.UTF-8" };
        var after = JsonDocument.Parse((await PwshProcess.RunAsync(Alert, english)).Succeeded().Output).RootElement;
        Assert.True(after.GetProperty("Success").GetBoolean());
        Assert.Equal(1, after.GetProperty("HeldBack").GetInt32());
        Assert.StartsWith("disk /var 91% full\n(+1 held back since ", after.GetProperty("Text").GetString());
    }
}
