using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using KakaoPS.Tests.Infrastructure;
using KakaoPS.Throttling;

namespace KakaoPS.Core.Tests;

/// <summary>
/// kakao_throttle.json: shared through the file under its own lock, owner-only, hashes and times
/// only; a damaged one starts afresh, a file that is not one is left alone.
/// </summary>
public sealed class ThrottleFileTests : IDisposable
{
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);
    private static readonly DateTimeOffset T0 = new(2026, 11, 30, 9, 14, 0, TimeSpan.Zero);

    private readonly TempFolder _folder = new();
    private readonly List<string> _warnings = new();

    public void Dispose() => _folder.Dispose();

    private string ThrottlePath => _folder.File(ThrottleFile.FileName);

    private ThrottleFile Open() => new(ThrottlePath) { Warning = _warnings.Add };

    private static string Key(string text) => ThrottleKey.For(null, text);

    [Fact]
    public void It_lives_beside_the_token_file()
    {
        Assert.Equal(ThrottlePath, ThrottleFile.Beside(_folder.TokenPath).Path);
        Assert.Equal(ThrottlePath + ".lock", ThrottleFile.Beside(_folder.TokenPath).LockPath);
    }

    [Fact]
    public async Task Two_openers_share_the_decisions_through_the_file()
    {
        var first = await Open().DecideAsync(Key("disk 91% full"), Hour, T0, CancellationToken.None);
        var second = await Open().DecideAsync(Key("disk 91% full"), Hour, T0.AddMinutes(1), CancellationToken.None);
        var third = await Open().DecideAsync(Key("disk 91% full"), Hour, T0 + Hour, CancellationToken.None);

        Assert.False(first.Suppressed);
        Assert.True(second.Suppressed);
        Assert.False(third.Suppressed);
        Assert.Equal(1, third.Held);
        Assert.Empty(_warnings);
    }

    [Fact]
    public async Task The_file_is_created_owner_only_and_holds_no_text_or_key()
    {
        await Open().DecideAsync(ThrottleKey.For(null, "secret build log line"), Hour, T0, CancellationToken.None);
        await Open().DecideAsync(ThrottleKey.For("my-own-key", "x"), Hour, T0, CancellationToken.None);

        var text = File.ReadAllText(ThrottlePath);
        Assert.DoesNotContain("secret build log line", text);
        Assert.DoesNotContain("my-own-key", text);
        Assert.Contains("kakaops_format", text);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(ThrottlePath));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(ThrottlePath + ".lock"));
        }

        Assert.Empty(Directory.GetFiles(_folder.Path, "*.tmp"));
    }

    [Fact]
    public async Task A_released_reservation_lets_the_next_try_go()
    {
        var file = Open();
        var decision = await file.DecideAsync(Key("disk 91% full"), Hour, T0, CancellationToken.None);

        await file.ReleaseAsync(Key("disk 91% full"), decision, CancellationToken.None);
        var retry = await Open().DecideAsync(Key("disk 91% full"), Hour, T0.AddSeconds(5), CancellationToken.None);

        Assert.False(retry.Suppressed);
    }

    [Theory]
    [InlineData("{\"kakaops_format\":1,\"entries\":{\"ab")]
    [InlineData("{\"kakaops_format\":1,\"entries\":{\"ab\":{\"sent_at\":\"yesterday\"}}}")]
    [InlineData("{\"kakaops_format\":1,\"entries\":[]}")]
    public async Task A_damaged_throttle_file_starts_afresh_with_one_warning(string damaged)
    {
        File.WriteAllText(ThrottlePath, damaged);
        var file = Open();

        var first = await file.DecideAsync(Key("a"), Hour, T0, CancellationToken.None);
        var second = await file.DecideAsync(Key("a"), Hour, T0.AddMinutes(1), CancellationToken.None);

        Assert.False(first.Suppressed);
        Assert.True(second.Suppressed);
        var warning = Assert.Single(_warnings);
        Assert.Contains(ThrottlePath, warning);
        Assert.NotNull(ThrottleState.Parse(File.ReadAllBytes(ThrottlePath)));
    }

    [Theory]
    [InlineData("{\"name\":\"my-package\",\"entries\":{}}")]
    [InlineData("")]
    [InlineData("not json at all")]
    [InlineData("{\"kakaops_format\":1,\"access_token\":\"t\",\"refresh_token\":\"r\"}")]
    public async Task A_file_that_is_not_a_throttle_file_is_left_alone_and_nothing_is_held_back(string foreign)
    {
        File.WriteAllText(ThrottlePath, foreign);
        var written = File.GetLastWriteTimeUtc(ThrottlePath);
        var file = Open();

        var first = await file.DecideAsync(Key("a"), Hour, T0, CancellationToken.None);
        var second = await file.DecideAsync(Key("a"), Hour, T0.AddMinutes(1), CancellationToken.None);
        await file.ReleaseAsync(Key("a"), second, CancellationToken.None);

        Assert.False(first.Suppressed);
        Assert.False(second.Suppressed);
        Assert.Equal(foreign, File.ReadAllText(ThrottlePath));
        Assert.Equal(written, File.GetLastWriteTimeUtc(ThrottlePath));
        var warning = Assert.Single(_warnings);
        Assert.Contains(ThrottlePath, warning);
    }

    [Fact]
    public async Task A_folder_in_its_place_does_not_stop_a_send()
    {
        Directory.CreateDirectory(ThrottlePath);

        var decision = await Open().DecideAsync(Key("a"), Hour, T0, CancellationToken.None);

        Assert.False(decision.Suppressed);
        Assert.Single(_warnings);
    }

    [Fact]
    public async Task The_lock_is_not_opened_through_a_link()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var bait = _folder.File("created-through-the-link");
        File.CreateSymbolicLink(ThrottlePath + ".lock", bait);

        var decision = await Open().DecideAsync(Key("a"), Hour, T0, CancellationToken.None);

        Assert.False(decision.Suppressed);
        Assert.False(File.Exists(bait));
        Assert.False(File.Exists(ThrottlePath));
        Assert.Single(_warnings);
    }

    [Fact]
    public async Task A_lock_held_too_long_does_not_stop_a_send()
    {
        using var held = File.Open(ThrottlePath + ".lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        var file = new ThrottleFile(ThrottlePath, TimeSpan.FromMilliseconds(200)) { Warning = _warnings.Add };

        var decision = await file.DecideAsync(Key("a"), Hour, T0, CancellationToken.None);

        Assert.False(decision.Suppressed);
        Assert.Contains(ThrottlePath + ".lock", Assert.Single(_warnings));
    }
}
