using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using KakaoPS.Tests.Infrastructure;
using KakaoPS.Throttling;

namespace KakaoPS.Core.Tests;

/// <summary>
/// kakao_throttle/: shared through small shard files, each its own lock, owner-only, hashes
/// and times only; a damaged shard starts afresh, a file that is not one is left alone.
/// </summary>
public sealed class ThrottleFolderTests : IDisposable
{
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);
    private static readonly DateTimeOffset T0 = new(2026, 11, 30, 9, 14, 0, TimeSpan.Zero);

    private readonly TempFolder _folder = new();
    private readonly List<string> _warnings = new();

    public void Dispose() => _folder.Dispose();

    private string ThrottlePath => _folder.File(ThrottleFolder.FolderName);

    private ThrottleFolder Open() => new(ThrottlePath) { Warning = _warnings.Add };

    private static string Key(string text) => ThrottleKey.For(null, text);

    private string ShardOf(string text) => Open().ShardPath(Key(text));

    [Fact]
    public void It_lives_beside_the_token_file_one_shard_per_two_hex_digits()
    {
        var folder = ThrottleFolder.Beside(_folder.TokenPath);
        var key = Key("disk 91% full");

        Assert.Equal(ThrottlePath, folder.Path);
        Assert.Equal(Path.Combine(ThrottlePath, key[..2] + ".json"), folder.ShardPath(key));
        Assert.Equal(_folder.File("kakao_throttle.json"), folder.LegacyPath);
    }

    [Fact]
    public async Task Two_openers_share_the_decisions_through_the_files()
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
    public async Task The_folder_and_files_are_created_owner_only_and_hold_no_text_or_key()
    {
        await Open().DecideAsync(ThrottleKey.For(null, "secret build log line"), Hour, T0, CancellationToken.None);
        await Open().DecideAsync(ThrottleKey.For("my-own-key", "x"), Hour, T0, CancellationToken.None);

        var text = ThrottleFiles.Content(ThrottlePath);
        Assert.DoesNotContain("secret build log line", text);
        Assert.DoesNotContain("my-own-key", text);
        Assert.Contains("kakaops_format", text);
        Assert.Equal(2, ThrottleFiles.Count(ThrottlePath));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(ThrottlePath));
            var files = Directory.GetFiles(ThrottlePath, "*", SearchOption.AllDirectories);
            Assert.Equal(2, files.Length); // two shards, each its own lock
            Assert.All(files, f => Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(f)));
        }

    }

    [Fact]
    public async Task A_released_reservation_lets_the_next_try_go()
    {
        var folder = Open();
        var decision = await folder.DecideAsync(Key("disk 91% full"), Hour, T0, CancellationToken.None);

        await folder.ReleaseAsync(Key("disk 91% full"), decision, CancellationToken.None);
        var retry = await Open().DecideAsync(Key("disk 91% full"), Hour, T0.AddSeconds(5), CancellationToken.None);

        Assert.False(retry.Suppressed);
    }

    [Theory]
    [InlineData("{\"kakaops_format\":2,\"entries\":{\"ab")]
    [InlineData("{\"kakaops_format\":2,\"entries\":{\"ab\":{\"sent_at\":\"yesterday\"}}}")]
    [InlineData("{\"kakaops_format\":2,\"entries\":[]}")]
    [InlineData("\0\0\0\0\0\0\0\0")]
    public async Task A_damaged_or_emptied_shard_starts_afresh_with_one_warning(string damaged)
    {
        Directory.CreateDirectory(ThrottlePath);
        File.WriteAllText(ShardOf("a"), damaged);
        var folder = Open();

        var first = await folder.DecideAsync(Key("a"), Hour, T0, CancellationToken.None);
        var second = await folder.DecideAsync(Key("a"), Hour, T0.AddMinutes(1), CancellationToken.None);

        Assert.False(first.Suppressed);
        Assert.True(second.Suppressed);
        var warning = Assert.Single(_warnings);
        Assert.Contains(ShardOf("a"), warning);
        Assert.Equal(1, ThrottleState.Parse(File.ReadAllBytes(ShardOf("a")), T0).Count);
    }

    [Theory]
    [InlineData("{\"name\":\"my-package\",\"entries\":{}}")]
    [InlineData("not json at all")]
    [InlineData("{\"kakaops_format\":1,\"access_token\":\"t\",\"refresh_token\":\"r\"}")]
    public async Task A_file_that_is_not_a_throttle_file_is_left_alone_and_nothing_is_held_back(string foreign)
    {
        Directory.CreateDirectory(ThrottlePath);
        File.WriteAllText(ShardOf("a"), foreign);
        var written = File.GetLastWriteTimeUtc(ShardOf("a"));
        var folder = Open();

        var first = await folder.DecideAsync(Key("a"), Hour, T0, CancellationToken.None);
        var second = await folder.DecideAsync(Key("a"), Hour, T0.AddMinutes(1), CancellationToken.None);
        await folder.ReleaseAsync(Key("a"), second, CancellationToken.None);

        Assert.False(first.Suppressed);
        Assert.False(second.Suppressed);
        Assert.Equal(foreign, File.ReadAllText(ShardOf("a")));
        Assert.Equal(written, File.GetLastWriteTimeUtc(ShardOf("a")));
        Assert.Contains(ShardOf("a"), Assert.Single(_warnings));
    }

    [Fact]
    public async Task A_folder_in_a_shards_place_does_not_stop_a_send()
    {
        Directory.CreateDirectory(ShardOf("a"));

        var decision = await Open().DecideAsync(Key("a"), Hour, T0, CancellationToken.None);

        Assert.False(decision.Suppressed);
        Assert.Single(_warnings);
    }

    [Fact]
    public async Task A_file_in_the_folders_place_is_left_alone_and_does_not_stop_a_send()
    {
        File.WriteAllText(ThrottlePath, "someone's notes");

        var decision = await Open().DecideAsync(Key("a"), Hour, T0, CancellationToken.None);

        Assert.False(decision.Suppressed);
        Assert.Equal("someone's notes", File.ReadAllText(ThrottlePath));
        Assert.Contains(ThrottlePath, Assert.Single(_warnings));
    }

    [Fact]
    public async Task A_shard_is_not_opened_through_a_link()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var bait = _folder.File("created-through-the-link");
        Directory.CreateDirectory(ThrottlePath);
        File.CreateSymbolicLink(ShardOf("a"), bait);

        var decision = await Open().DecideAsync(Key("a"), Hour, T0, CancellationToken.None);

        Assert.False(decision.Suppressed);
        Assert.False(File.Exists(bait));
        Assert.Contains("link", Assert.Single(_warnings));
    }

    [Fact]
    public async Task An_empty_shard_left_by_a_process_killed_before_its_first_write_is_simply_empty()
    {
        Directory.CreateDirectory(ThrottlePath);
        File.WriteAllText(ShardOf("a"), "");

        var first = await Open().DecideAsync(Key("a"), Hour, T0, CancellationToken.None);
        var second = await Open().DecideAsync(Key("a"), Hour, T0.AddMinutes(1), CancellationToken.None);

        Assert.False(first.Suppressed);
        Assert.True(second.Suppressed);
        Assert.Empty(_warnings);
    }

    [Fact]
    public async Task A_shard_that_shrinks_is_padded_and_still_reads_and_is_cut_down_once_mostly_padding()
    {
        var folder = Open();
        var keys = new List<string>();
        var decisions = new List<ThrottleDecision>();
        for (var i = 0; i < 60_000 && decisions.Count < 40; i++)
        {
            var key = Key("many " + i);
            if (key.StartsWith(Key("a")[..2], StringComparison.Ordinal))
            {
                decisions.Add(await folder.DecideAsync(key, Hour, T0, CancellationToken.None));
                keys.Add(key);
            }
        }

        var full = new FileInfo(ShardOf("a")).Length;
        await folder.ReleaseAsync(keys[^1], decisions[^1], CancellationToken.None);
        Assert.Equal(full, new FileInfo(ShardOf("a")).Length); // padded, not cut
        Assert.Equal(39, ThrottleState.Parse(File.ReadAllBytes(ShardOf("a")), T0).Count);

        for (var i = 0; i < 39; i++)
        {
            await folder.ReleaseAsync(keys[^(i + 2)], decisions[^(i + 2)], CancellationToken.None);
        }

        Assert.True(new FileInfo(ShardOf("a")).Length < full / 2);
        Assert.Equal(0, ThrottleState.Parse(File.ReadAllBytes(ShardOf("a")), T0).Count);
        Assert.Empty(_warnings);
    }

    [Fact]
    public async Task A_lock_held_too_long_does_not_stop_a_send()
    {
        Directory.CreateDirectory(ThrottlePath);
        using var held = File.Open(ShardOf("a"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        var folder = new ThrottleFolder(ThrottlePath, TimeSpan.FromMilliseconds(200)) { Warning = _warnings.Add };

        var decision = await folder.DecideAsync(Key("a"), Hour, T0, CancellationToken.None);

        Assert.False(decision.Suppressed);
        Assert.Contains(ShardOf("a"), Assert.Single(_warnings));
    }

    [Fact]
    public async Task A_shard_another_user_owns_is_not_used_or_changed()
    {
        SecondUser.Require();
        Directory.CreateDirectory(ThrottlePath);
        var shard = ShardOf("a");
        File.WriteAllText(shard, "{\"kakaops_format\":2,\"entries\":{}}");
        SecondUser.GiveAway(shard);

        var first = await Open().DecideAsync(Key("a"), Hour, T0, CancellationToken.None);
        var second = await Open().DecideAsync(Key("a"), Hour, T0.AddMinutes(1), CancellationToken.None);

        Assert.False(first.Suppressed);
        Assert.False(second.Suppressed);
        Assert.Equal("{\"kakaops_format\":2,\"entries\":{}}", File.ReadAllText(shard));
        Assert.All(_warnings, w => Assert.Contains(shard, w));
        Assert.Contains("uid 65534", _warnings[0]);
    }

    [Fact]
    public async Task A_folder_another_user_owns_is_not_used()
    {
        SecondUser.Require();
        Directory.CreateDirectory(ThrottlePath);
        SecondUser.GiveAway(ThrottlePath);

        var decision = await Open().DecideAsync(Key("a"), Hour, T0, CancellationToken.None);

        Assert.False(decision.Suppressed);
        Assert.Empty(Directory.GetFiles(ThrottlePath));
        Assert.Contains("uid 65534", Assert.Single(_warnings));
    }

    [Fact]
    public async Task Past_5000_alerts_every_one_is_still_held_back_and_each_shard_stays_small()
    {
        var folder = Open();
        for (var i = 0; i < 6000; i++)
        {
            Assert.False((await folder.DecideAsync(Key("alert " + i), Hour, T0.AddMilliseconds(i), CancellationToken.None)).Suppressed);
        }

        for (var i = 0; i < 6000; i++)
        {
            Assert.True((await folder.DecideAsync(Key("alert " + i), Hour, T0.AddMinutes(30), CancellationToken.None)).Suppressed, "alert " + i);
        }

        Assert.Empty(_warnings);
        Assert.Equal(6000, ThrottleFiles.Count(ThrottlePath));
        Assert.All(ThrottleFiles.Shards(ThrottlePath), s => Assert.True(new FileInfo(s).Length < ThrottleShard.MaximumSize / 2));
    }

    [Fact]
    public async Task With_50000_alerts_in_an_hour_the_newest_are_still_held_back_and_one_warning_says_older_ones_were_forgotten()
    {
        const int alerts = 50_000;
        for (var command = 0; command < 5; command++)
        {
            // Five commands of one session, 10,000 alerts each.
            var folder = Open();
            for (var i = command * 10_000; i < (command + 1) * 10_000; i++)
            {
                await folder.DecideAsync(Key("alert " + i), Hour, T0.AddMilliseconds(50 * i), CancellationToken.None);
            }
        }

        var later = T0.AddMilliseconds(50 * alerts);
        var check = Open();
        for (var i = alerts - 10_000; i < alerts; i++)
        {
            Assert.True((await check.DecideAsync(Key("alert " + i), Hour, later, CancellationToken.None)).Suppressed, "alert " + i);
        }

        Assert.False((await check.DecideAsync(Key("alert 0"), Hour, later, CancellationToken.None)).Suppressed);
        var warning = Assert.Single(_warnings);
        Assert.Contains("forgotten early", warning);
        Assert.Contains(ThrottlePath, warning);
        Assert.InRange(ThrottleFiles.Count(ThrottlePath), 10_000, ThrottleFolder.ShardCount * ThrottleState.MaximumEntries);
        Assert.All(ThrottleFiles.Shards(ThrottlePath), s => Assert.True(new FileInfo(s).Length < ThrottleShard.MaximumSize));
    }

    [Fact]
    public async Task The_single_file_of_0_3_1_is_taken_in_once_and_removed()
    {
        // As 0.3.1 wrote it, indented, at its limit of 5,000 alerts (just over 1 MB).
        var entries = Enumerable.Range(0, 5000).ToDictionary(i => Key("old " + i), i => new
        {
            sent_at = T0.AddSeconds(-i).ToString("o"),
            window_ends_at = T0.AddSeconds(-i).AddDays(1).ToString("o"),
            held = i == 7 ? 3 : 0,
            held_since = i == 7 ? T0.AddMinutes(5).ToString("o") : null,
        });
        var legacy = _folder.File("kakao_throttle.json");
        File.WriteAllText(legacy, System.Text.Json.JsonSerializer.Serialize(new { kakaops_format = 1, entries }, new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
        File.WriteAllText(legacy + ".lock", "");
        Assert.True(new FileInfo(legacy).Length > 1024 * 1024);

        var held = await Open().DecideAsync(Key("old 7"), Hour, T0.AddMinutes(10), CancellationToken.None);
        var alsoHeld = await Open().DecideAsync(Key("old 4999"), Hour, T0.AddMinutes(10), CancellationToken.None);

        Assert.True(held.Suppressed);
        Assert.Equal(4, held.Held);
        Assert.True(alsoHeld.Suppressed);
        Assert.False(File.Exists(legacy));
        Assert.False(File.Exists(legacy + ".lock"));
        Assert.Equal(5000, ThrottleFiles.Count(ThrottlePath));
        Assert.Empty(_warnings);
    }

    [Theory]
    [InlineData("{\"name\":\"my-package\",\"entries\":{}}", true)]
    [InlineData("{\"kakaops_format\":1,\"entries\":{\"ab", false)]
    public async Task An_old_file_that_is_not_ours_is_left_alone_and_a_damaged_one_is_removed(string content, bool kept)
    {
        var legacy = _folder.File("kakao_throttle.json");
        File.WriteAllText(legacy, content);

        var decision = await Open().DecideAsync(Key("a"), Hour, T0, CancellationToken.None);

        Assert.False(decision.Suppressed);
        Assert.Equal(kept, File.Exists(legacy));
        Assert.Empty(_warnings);
    }
}
