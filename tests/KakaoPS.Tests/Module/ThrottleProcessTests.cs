using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using KakaoPS.Tests.Infrastructure;

namespace KakaoPS.Tests.Module;

/// <summary>The throttle shared by real `dotnet pwsh` processes of one user, through kakao_throttle/.</summary>
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
        var content = ThrottleFiles.Content(throttlePath);
        Assert.DoesNotContain("disk", content);
        Assert.DoesNotContain("91%", content);
        if (!OperatingSystem.IsWindows())
        {
            Assert.All(ThrottleFiles.Shards(throttlePath), s => Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(s)));
        }

        // A third process after the window: sent, and it says one was held back.
        ThrottleFiles.Age(throttlePath, TimeSpan.FromHours(2));
        var english = new Dictionary<string, string?>(environment) { ["LANG"] = "en_US.UTF-8", ["LC_ALL"] = "en_US.UTF-8" };
        var after = JsonDocument.Parse((await PwshProcess.RunAsync(Alert, english)).Succeeded().Output).RootElement;
        Assert.True(after.GetProperty("Success").GetBoolean());
        Assert.Equal(1, after.GetProperty("HeldBack").GetInt32());
        Assert.StartsWith("disk /var 91% full\n(+1 held back since ", after.GetProperty("Text").GetString());
    }

    [Fact]
    public async Task Four_processes_throttling_the_same_and_different_alerts_at_once_send_each_once_and_hold_back_nothing_else()
    {
        await TokenFiles.WriteAsync(_emulator, _folder.TokenPath);
        var environment = _emulator.ProcessEnvironment(_folder.TokenPath);
        var run = Guid.NewGuid().ToString("N")[..8];
        const int processes = 4;
        const int each = 25;
        var shared = Enumerable.Range(1, each).Select(i => $"{run} shared alert {i}").ToList();
        var own = Enumerable.Range(0, processes).Select(p => Enumerable.Range(1, each).Select(i => $"{run} process {p} alert {i}").ToList()).ToList();

        var runs = await Task.WhenAll(Enumerable.Range(0, processes).Select(p =>
        {
            // Each process its own order, the shared alerts interleaved with its own, so they race on the same and on different shards.
            var random = new Random(p);
            var alerts = shared.Concat(own[p]).OrderBy(_ => random.Next()).ToList();
            return PwshProcess.RunAsync(List(alerts) + " | Send-KakaoMemo -Each -Throttle '01:00:00' | ForEach-Object { '{0}|{1}|{2}' -f $_.Success, $_.Suppressed, $_.Text }", environment);
        }));

        var results = runs.SelectMany(r => r.Succeeded().Output.Split('\n', StringSplitOptions.RemoveEmptyEntries)).Select(line => line.Trim().Split('|')).ToList();
        Assert.All(runs, r => Assert.Equal(string.Empty, r.Error.Trim()));
        Assert.Equal(processes * each * 2, results.Count);
        var delivered = (await _emulator.Control.MemoTextsAsync()).Where(t => t.StartsWith(run, StringComparison.Ordinal)).ToList();
        foreach (var alert in shared.Concat(own.SelectMany(o => o)))
        {
            // Sent exactly once (nothing twice, nothing held back that should go), and said so by exactly one process.
            Assert.Single(delivered, alert);
            Assert.Single(results, r => r[2] == alert && r[0] == "True" && r[1] == "False");
        }

        Assert.Equal(processes * each - each, results.Count(r => r[1] == "True"));
    }

    [Fact]
    public async Task A_process_killed_while_it_throttles_leaves_a_throttle_the_next_one_uses_without_sending_anything_twice()
    {
        await TokenFiles.WriteAsync(_emulator, _folder.TokenPath);
        var environment = _emulator.ProcessEnvironment(_folder.TokenPath);
        var run = Guid.NewGuid().ToString("N")[..8];
        var alerts = Enumerable.Range(1, 400).Select(i => $"{run} kill alert {i}").ToList();
        var pidFile = Path.Combine(_folder.Path, "pid");
        var list = List(alerts);

        var killed = PwshProcess.RunAsync($"$PID | Set-Content '{pidFile}'; {list} | Send-KakaoMemo -Each -Throttle '01:00:00' | Out-Null", environment);
        for (var i = 0; i < 1200 && (await _emulator.Control.MemoTextsAsync()).Count(t => t.StartsWith(run, StringComparison.Ordinal)) < 30; i++)
        {
            await Task.Delay(50);
        }

        using (var victim = System.Diagnostics.Process.GetProcessById(int.Parse(File.ReadAllText(pidFile).Trim())))
        {
            victim.Kill(); // SIGKILL: no clean-up of any kind
        }

        var killedRun = await killed;
        Assert.NotEqual(0, killedRun.ExitCode);
        var before = (await _emulator.Control.MemoTextsAsync()).Where(t => t.StartsWith(run, StringComparison.Ordinal)).ToHashSet();
        Assert.InRange(before.Count, 30, alerts.Count - 1);

        var next = (await PwshProcess.RunAsync($"{list} | Send-KakaoMemo -Each -Throttle '01:00:00' | ForEach-Object {{ '{{0}}|{{1}}' -f $_.Suppressed, $_.Text }}", environment)).Succeeded();

        Assert.Equal(string.Empty, next.Error.Trim()); // no damaged shard, no warning
        var after = (await _emulator.Control.MemoTextsAsync()).Where(t => t.StartsWith(run, StringComparison.Ordinal)).ToList();
        Assert.Equal(after.Count, after.Distinct().Count()); // nothing sent twice
        var lines = next.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Trim().Split('|')).ToList();
        Assert.All(lines.Where(l => before.Contains(l[1])), l => Assert.Equal("True", l[0]));
        // At most the one alert the killed process had reserved but not yet sent is held back unsent.
        Assert.InRange(alerts.Count - after.Count, 0, 1);
    }

    /// <summary>The alerts as a PowerShell array literal.</summary>
    private static string List(IEnumerable<string> alerts) => "@(" + string.Join(", ", alerts.Select(a => "'" + a + "'")) + ")";
}
