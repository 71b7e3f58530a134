using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using KakaoPS.Models;
using KakaoPS.Tests.Infrastructure;

namespace KakaoPS.Tests.Cmdlets;

/// <summary>
/// Send-KakaoMemo -Throttle against the emulator: a repeat within the window sends nothing and is
/// no error, the first message after it says how many were held back, and the state lives in
/// kakao_throttle/ beside the token file. A window "passes" by moving the shards' times back.
/// </summary>
[Collection(CmdletCollection.Name)]
public sealed class SendKakaoMemoThrottleTests : CmdletTest
{
    private const string English = "[cultureinfo]::CurrentUICulture = 'en-US'; ";

    public SendKakaoMemoThrottleTests(CmdletEnvironment environment) : base(environment)
    {
    }

    private string ThrottleFolder => ThrottleFiles.Beside(Folder.TokenPath);

    private void LetTheWindowPass() => ThrottleFiles.Age(ThrottleFolder, TimeSpan.FromHours(2));

    [Fact]
    public async Task A_repeat_within_the_window_sends_nothing_and_is_no_error_even_under_Stop()
    {
        await ConnectAsync();

        var result = Shell.Run("""
            $ErrorActionPreference = 'Stop'
            Send-KakaoMemo 'disk 91% full' -Throttle '01:00:00'
            Send-KakaoMemo 'disk 91% full' -Throttle '01:00:00'
            'after'
            """).Succeeded();

        Assert.Equal(3, result.Output.Count);
        var sent = Assert.IsType<KakaoMemoResult>(result.Output[0]);
        var held = Assert.IsType<KakaoMemoResult>(result.Output[1]);
        Assert.True(sent.Success);
        Assert.False(sent.Suppressed);
        Assert.True(held.Suppressed);
        Assert.False(held.Success);
        Assert.Equal(1, held.HeldBack);
        Assert.Equal("disk 91% full", held.Text);
        Assert.Empty(result.Warnings);
        Assert.Equal(new[] { "disk 91% full" }, await Control.MemoTextsAsync());
    }

    [Fact]
    public async Task The_first_message_after_the_window_says_how_many_were_held_back_since_when()
    {
        await ConnectAsync();
        for (var i = 0; i < 3; i++)
        {
            Shell.Run("Send-KakaoMemo 'disk 91% full' -Throttle 01:00:00").Succeeded();
        }

        LetTheWindowPass();
        var since = ThrottleFiles.HeldSinceLocal(ThrottleFolder);
        var after = Shell.Run(English + "Send-KakaoMemo 'disk 91% full' -Throttle 01:00:00").Succeeded().Single<KakaoMemoResult>();
        var next = Shell.Run("Send-KakaoMemo 'disk 91% full' -Throttle 01:00:00").Succeeded().Single<KakaoMemoResult>();

        Assert.True(after.Success);
        Assert.Equal(2, after.HeldBack);
        Assert.Equal($"disk 91% full\n(+2 held back since {since})", after.Text);
        Assert.True(next.Suppressed);
        Assert.Equal(1, next.HeldBack);
        Assert.Equal(new[] { "disk 91% full", $"disk 91% full\n(+2 held back since {since})" }, await Control.MemoTextsAsync());
    }

    [Fact]
    public async Task The_note_is_in_Korean_for_Korean_users()
    {
        await ConnectAsync();
        Shell.Run("Send-KakaoMemo '디스크 91%' -Throttle 01:00:00").Succeeded();
        Shell.Run("Send-KakaoMemo '디스크 91%' -Throttle 01:00:00").Succeeded();
        LetTheWindowPass();
        var since = ThrottleFiles.HeldSinceLocal(ThrottleFolder);

        var after = Shell.Run("[cultureinfo]::CurrentUICulture = 'ko-KR'; Send-KakaoMemo '디스크 91%' -Throttle 01:00:00").Succeeded().Single<KakaoMemoResult>();

        Assert.Equal($"디스크 91%\n(+1건 보류, {since}부터)", after.Text);
    }

    [Theory]
    [InlineData("Head", "-Text $args[0]")]
    [InlineData("Tail", "$args[0] |")]
    public async Task A_full_200_characters_are_cut_to_make_room_for_the_note_never_sent_as_201(string overflow, string input)
    {
        await ConnectAsync();
        var text = string.Join("\n", Enumerable.Range(1, 40).Select(i => $"{i,4}")); // 40 lines, 199 characters
        var command = input.EndsWith("|")
            ? $"{English}{input} Send-KakaoMemo -Throttle 01:00:00 -Overflow {overflow}"
            : $"{English}Send-KakaoMemo {input} -Throttle 01:00:00 -Overflow {overflow}";
        Shell.Run(command, text).Succeeded();
        Shell.Run(command, text).Succeeded();
        LetTheWindowPass();

        var after = Shell.Run(command, text).Succeeded();

        var sent = after.Single<KakaoMemoResult>();
        var delivered = (await Control.MemoTextsAsync())[^1];
        Assert.Equal(sent.Text, delivered);
        Assert.True(delivered.Length <= 200, delivered.Length.ToString());
        Assert.Matches(@"\n\(\+1 held back since [0-9: -]+\)$", delivered);
        Assert.True(sent.Truncated);
        Assert.Contains(overflow == "Head" ? "   1\n   2\n" : "  39\n  40\n", delivered);
        Assert.Single(after.Warnings);
    }

    [Fact]
    public async Task With_Overflow_Error_text_that_fits_is_sent_without_the_note_and_the_count_is_on_the_result()
    {
        await ConnectAsync();
        var text = new string('z', 190);
        const string command = "Send-KakaoMemo -Text $args[0] -Overflow Error -Throttle 01:00:00 -Verbose";
        Shell.Run(command, text).Succeeded();
        Shell.Run(command, text).Succeeded();
        LetTheWindowPass();

        var after = Shell.Run(command, text).Succeeded();

        var sent = after.Single<KakaoMemoResult>();
        Assert.True(sent.Success);
        Assert.Equal(text, sent.Text);
        Assert.Equal(1, sent.HeldBack);
        Assert.Contains(after.Verbose, v => v.Contains("-Overflow Error"));
        Assert.Equal(text, (await Control.MemoTextsAsync())[^1]);
    }

    [Fact]
    public async Task Split_is_one_decision_for_every_part_keyed_on_the_whole_text()
    {
        await ConnectAsync();
        var text = string.Join("\n", Enumerable.Range(1, 60).Select(i => $"line {i}"));
        const string command = "Send-KakaoMemo -Text $args[0] -Overflow Split -Throttle 01:00:00";

        var first = Shell.Run(command, text).Succeeded().All<KakaoMemoResult>().ToList();
        var repeat = Shell.Run(command, text).Succeeded().All<KakaoMemoResult>().ToList();
        var changedEnd = Shell.Run(command, text + "\nline 61").Succeeded().All<KakaoMemoResult>().ToList();

        Assert.True(first.Count > 1);
        Assert.All(first, r => Assert.True(r.Success));
        Assert.Equal(first.Count, repeat.Count);
        Assert.All(repeat, r => Assert.True(r.Suppressed));
        Assert.Equal(first.Select(r => r.Text), repeat.Select(r => r.Text));
        Assert.All(changedEnd, r => Assert.True(r.Success));
        Assert.Equal(first.Count + changedEnd.Count, (await Control.MessagesAsync()).Count);

        LetTheWindowPass();
        var after = Shell.Run(English + command, text).Succeeded().All<KakaoMemoResult>().ToList();
        Assert.All(after, r => Assert.True(r.Success && r.Text!.Length <= 200));
        Assert.Matches(@"\nline 60\n\(\+1 held back since [0-9: -]+\)$", after[^1].Text);
        Assert.All(after.Take(after.Count - 1), r => Assert.DoesNotContain("held back", r.Text));
    }

    [Fact]
    public async Task Each_throttles_every_item_by_its_own_key()
    {
        await ConnectAsync();

        var first = Shell.Run("'disk C', 'disk D', 'disk C' | Send-KakaoMemo -Each -Throttle 01:00:00").Succeeded().All<KakaoMemoResult>().ToList();
        var second = Shell.Run("'disk C', 'disk D', 'disk E' | Send-KakaoMemo -Each -Throttle 01:00:00").Succeeded().All<KakaoMemoResult>().ToList();

        Assert.Equal(new[] { false, false, true }, first.Select(r => r.Suppressed));
        Assert.Equal(new[] { true, true, false }, second.Select(r => r.Suppressed));
        Assert.Equal(new[] { "disk C", "disk D", "disk E" }, await Control.MemoTextsAsync());
    }

    [Fact]
    public async Task ThrottleKey_makes_changing_texts_one_alert_and_is_not_stored()
    {
        await ConnectAsync();

        var results = Shell.Run("""
            Send-KakaoMemo 'disk 91% full' -Throttle 01:00:00 -ThrottleKey 'disk-sda-key'
            Send-KakaoMemo 'disk 92% full' -Throttle 01:00:00 -ThrottleKey 'disk-sda-key'
            Send-KakaoMemo 'disk 92% full' -Throttle 01:00:00 -ThrottleKey 'disk-sdb-key'
            """).Succeeded().All<KakaoMemoResult>().ToList();

        Assert.Equal(new[] { false, true, false }, results.Select(r => r.Suppressed));
        Assert.Equal(new[] { "disk 91% full", "disk 92% full" }, await Control.MemoTextsAsync());
        Assert.DoesNotContain("disk-sd", ThrottleFiles.Content(ThrottleFolder));
    }

    [Fact]
    public async Task The_throttle_file_is_created_owner_only_and_holds_no_message_text()
    {
        await ConnectAsync();
        Assert.False(Directory.Exists(ThrottleFolder));

        Shell.Run("Send-KakaoMemo 'password reset for kim@example.com' -Throttle 01:00:00").Succeeded();
        Shell.Run("'token rotated on build-agent-7' | Send-KakaoMemo -Each -Throttle 01:00:00").Succeeded();
        Shell.Run("Send-KakaoMemo 'password reset for kim@example.com' -Throttle 01:00:00").Succeeded();

        var content = ThrottleFiles.Content(ThrottleFolder);
        Assert.DoesNotContain("kim@example.com", content);
        Assert.DoesNotContain("password", content);
        Assert.DoesNotContain("build-agent-7", content);
        Assert.Contains("\"held\":1", content);
        Assert.Equal(2, ThrottleFiles.Count(ThrottleFolder));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(ThrottleFolder));
            Assert.All(Directory.GetFiles(ThrottleFolder), f => Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(f)));
        }
    }

    [Fact]
    public async Task A_failed_send_releases_its_reservation_so_the_next_try_is_not_held_back()
    {
        await ConnectAsync();
        await Control.SetConsentAsync("talk_message", agreed: false);

        var failed = Shell.Run("Send-KakaoMemo 'disk 91% full' -Throttle 01:00:00");
        await Control.SetConsentAsync("talk_message", agreed: true);
        var retry = Shell.Run("Send-KakaoMemo 'disk 91% full' -Throttle 01:00:00").Succeeded().Single<KakaoMemoResult>();

        Assert.StartsWith("Kakao-402,", failed.SingleError().FullyQualifiedErrorId);
        Assert.True(retry.Success);
        Assert.Equal(new[] { "disk 91% full" }, await Control.MemoTextsAsync());
    }

    [Fact]
    public async Task An_alert_that_failed_before_connecting_is_not_held_back_once_connected()
    {
        var failed = Shell.Run("Send-KakaoMemo 'disk 91% full' -Throttle 01:00:00");
        await ConnectAsync();
        var retry = Shell.Run(English + "Send-KakaoMemo 'disk 91% full' -Throttle 01:00:00 -Verbose").Succeeded();

        Assert.StartsWith("NotConnected,", failed.SingleError().FullyQualifiedErrorId);
        var sent = retry.Single<KakaoMemoResult>();
        Assert.True(sent.Success);
        Assert.Equal(0, sent.HeldBack);
        Assert.DoesNotContain(retry.Verbose, v => v.Contains("Held back") || v.Contains("was sent"));
        Assert.Equal(new[] { "disk 91% full" }, await Control.MemoTextsAsync());
    }

    [Fact]
    public async Task A_send_stopped_before_Kakao_took_it_is_not_held_back_at_the_next_try()
    {
        await ConnectAsync();
        // Kakao is busy once and asks for a long wait: the command is stopped while it waits.
        await Control.AddFaultAsync(new { path = KakaoPS.Api.KakaoApi.DefaultMemoPath, count = 1, status = 503, retryAfter = "30" });
        using (var shell = Shell.Create("Send-KakaoMemo 'disk 91% full' -Throttle 01:00:00"))
        {
            var running = shell.BeginInvoke();
            for (var i = 0; i < 200 && (await Control.RequestsAsync()).Count(r => r.ToString().Contains("/memo/default/send")) == 0; i++)
            {
                await Task.Delay(50);
            }

            Assert.False(running.IsCompleted, "The command finished before it could be stopped.");
            shell.Stop();
        }

        var retry = Shell.Run(English + "Send-KakaoMemo 'disk 91% full' -Throttle 01:00:00 -Verbose").Succeeded();

        var sent = retry.Single<KakaoMemoResult>();
        Assert.True(sent.Success);
        Assert.DoesNotContain(retry.Verbose, v => v.Contains("Held back"));
        Assert.Equal(new[] { "disk 91% full" }, await Control.MemoTextsAsync());
    }

    [Fact]
    public async Task An_alert_stopped_by_the_throttles_own_warning_under_WarningPreference_Stop_is_not_held_back()
    {
        await ConnectAsync();
        Directory.CreateDirectory(ThrottleFolder);
        await TokenFiles.WriteOwnerOnlyAsync(ThrottleFiles.ShardOf(ThrottleFolder, "disk 91% full"), "{\"kakaops_format\":2,\"entries\":{\"ab");

        var stopped = Shell.Run("$WarningPreference = 'Stop'; Send-KakaoMemo 'disk 91% full' -Throttle 01:00:00");
        var retry = Shell.Run("Send-KakaoMemo 'disk 91% full' -Throttle 01:00:00").Succeeded().Single<KakaoMemoResult>();

        Assert.IsType<ActionPreferenceStopException>(stopped.Terminating);
        Assert.True(retry.Success);
        Assert.Equal(new[] { "disk 91% full" }, await Control.MemoTextsAsync());
    }

    [Fact]
    public async Task A_recorded_time_in_the_future_holds_an_alert_back_for_one_window_at_most()
    {
        await ConnectAsync();
        Shell.Run("Send-KakaoMemo 'disk 91% full' -Throttle 00:10:00").Succeeded();
        // As if the clock had been a year ahead when it was recorded.
        ThrottleFiles.Age(ThrottleFolder, TimeSpan.FromDays(-365));

        var held = Shell.Run("Send-KakaoMemo 'disk 91% full' -Throttle 00:10:00").Succeeded().Single<KakaoMemoResult>();
        ThrottleFiles.Age(ThrottleFolder, TimeSpan.FromMinutes(11));
        var after = Shell.Run("Send-KakaoMemo 'disk 91% full' -Throttle 00:10:00").Succeeded().Single<KakaoMemoResult>();

        Assert.True(held.Suppressed);
        Assert.True(after.Success);
        Assert.Equal(1, after.HeldBack);
    }

    [Fact]
    public async Task WhatIf_neither_sends_nor_records()
    {
        await ConnectAsync();

        Shell.Run("Send-KakaoMemo 'disk 91% full' -Throttle 01:00:00 -WhatIf").Succeeded();
        Assert.False(Directory.Exists(ThrottleFolder));
        var sent = Shell.Run("Send-KakaoMemo 'disk 91% full' -Throttle 01:00:00").Succeeded().Single<KakaoMemoResult>();
        Shell.Run("Send-KakaoMemo 'disk 91% full' -Throttle 01:00:00 -WhatIf").Succeeded();
        LetTheWindowPass();
        var after = Shell.Run("Send-KakaoMemo 'disk 91% full' -Throttle 01:00:00").Succeeded().Single<KakaoMemoResult>();

        Assert.True(sent.Success);
        Assert.Equal(0, after.HeldBack);
        Assert.Equal(new[] { "disk 91% full", "disk 91% full" }, await Control.MemoTextsAsync());
    }

    [Fact]
    public async Task Templates_are_keyed_on_their_JSON()
    {
        await ConnectAsync();

        var results = Shell.Run("""
            $card = @{ ObjectType = 'feed'; Content = @{ Title = 'build #42 failed'; Link = @{ WebUrl = 'https://example.com/42' } } }
            Send-KakaoMemo -Template $card -Throttle 01:00:00
            Send-KakaoMemo -Template $card -Throttle 01:00:00
            # The builder adds mobile_web_url: other JSON, another alert.
            New-KakaoFeedTemplate 'build #42 failed' -WebUrl 'https://example.com/42' | Send-KakaoMemo -Throttle 01:00:00
            New-KakaoFeedTemplate 'build #42 failed' -WebUrl 'https://example.com/42' | Send-KakaoMemo -Throttle 01:00:00
            $card.Content.Title = 'build #43 failed'
            Send-KakaoMemo -Template $card -Throttle 01:00:00
            """).Succeeded().All<KakaoMemoResult>().ToList();

        Assert.Equal(new[] { false, true, false, true, false }, results.Select(r => r.Suppressed));
        Assert.Equal("feed", results[1].TemplateType);
        Assert.Equal(3, (await Control.MessagesAsync()).Count);

        // After the window a template goes as it is: no room for the note, HeldBack says it.
        LetTheWindowPass();
        var after = Shell.Run("""
            Send-KakaoMemo -Template @{ ObjectType = 'feed'; Content = @{ Title = 'build #42 failed'; Link = @{ WebUrl = 'https://example.com/42' } } } -Throttle 01:00:00 -Verbose
            """).Succeeded();
        Assert.Equal(1, after.Single<KakaoMemoResult>().HeldBack);
        Assert.Contains(after.Verbose, v => v.Contains("HeldBack"));
        var templates = await Control.TemplateObjectsAsync();
        Assert.Equal(templates[0], templates[^1]);
    }

    [Fact]
    public async Task A_damaged_throttle_file_does_not_stop_a_send_and_is_started_afresh_with_one_warning()
    {
        await ConnectAsync();
        Directory.CreateDirectory(ThrottleFolder);
        var shard = ThrottleFiles.ShardOf(ThrottleFolder, "a");
        await TokenFiles.WriteOwnerOnlyAsync(shard, "{\"kakaops_format\":2,\"entries\":{\"ab");

        var first = Shell.Run("'a', 'b' | Send-KakaoMemo -Each -Throttle 01:00:00");
        var second = Shell.Run("Send-KakaoMemo a -Throttle 01:00:00").Succeeded();

        Assert.Empty(first.Errors);
        Assert.All(first.All<KakaoMemoResult>(), r => Assert.True(r.Success));
        Assert.Contains(shard, Assert.Single(first.Warnings));
        Assert.True(second.Single<KakaoMemoResult>().Suppressed);
        Assert.Empty(second.Warnings);
    }

    [Fact]
    public async Task A_file_that_is_not_a_throttle_file_is_never_overwritten()
    {
        await ConnectAsync();
        const string foreign = "{\"name\":\"someone else's file\"}";
        Directory.CreateDirectory(ThrottleFolder);
        var shard = ThrottleFiles.ShardOf(ThrottleFolder, "a");
        File.WriteAllText(shard, foreign);

        var results = Shell.Run("'a', 'a' | Send-KakaoMemo -Each -Throttle 01:00:00");

        Assert.Empty(results.Errors);
        Assert.All(results.All<KakaoMemoResult>(), r => Assert.True(r.Success));
        Assert.Contains(shard, Assert.Single(results.Warnings));
        Assert.Equal(foreign, File.ReadAllText(shard));
    }

    [Theory]
    [InlineData("-Throttle 0")]
    [InlineData("-Throttle 600")]
    [InlineData("-Throttle '-01:00:00'")]
    [InlineData("-Throttle '400.00:00:00'")]
    public async Task A_window_that_is_no_window_is_refused_before_anything_is_sent(string throttle)
    {
        await ConnectAsync();

        var error = Shell.Run($"Send-KakaoMemo a {throttle}; 'after'").SingleError();

        Assert.StartsWith("InvalidThrottle,", error.FullyQualifiedErrorId);
        Assert.Contains("-Throttle", error.ToString());
        Assert.Empty(await Control.MessagesAsync());
    }

    [Fact]
    public async Task ThrottleKey_without_Throttle_is_refused()
    {
        await ConnectAsync();

        var error = Shell.Run("Send-KakaoMemo a -ThrottleKey disk").SingleError();

        Assert.StartsWith("ThrottleKeyWithoutThrottle,", error.FullyQualifiedErrorId);
        Assert.Contains("-Throttle", error.ErrorDetails.RecommendedAction);
        Assert.Empty(await Control.MessagesAsync());
    }
}
