using System;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using KakaoPS.Api;
using KakaoPS.Models;
using KakaoPS.Tests.Infrastructure;

namespace KakaoPS.Tests.Cmdlets;

/// <summary>No partial sends and no silent drops: what was delivered is always reported, and nothing is left out unmarked.</summary>
[Collection(CmdletCollection.Name)]
public sealed class SendKakaoMemoDeliveryTests : CmdletTest
{
    private const string BuildLog = "1..40 | % { 'line ' + $_ + ' ' + ('x' * 40) }";

    public SendKakaoMemoDeliveryTests(CmdletEnvironment environment) : base(environment)
    {
    }

    private Task LoggedInAsync() => TokenFiles.WriteAsync(Emulator, Folder.TokenPath, accessExpired: false);

    [Fact]
    public async Task Split_sends_every_part_of_a_build_log_within_200_characters()
    {
        await LoggedInAsync();

        var result = Shell.Run(BuildLog + " | Send-KakaoMemo -Overflow Split -TokenPath kakao_token.json").Succeeded();

        var texts = await Control.MemoTextsAsync();
        var sent = result.All<KakaoMemoResult>().ToList();
        Assert.Equal(sent.Count, texts.Count);
        Assert.All(texts, t => Assert.True(t.Length <= 200, t.Length.ToString()));
        var lines = texts.SelectMany(t => t.Split('\n').Skip(1)).ToList();
        Assert.Equal(10, texts.Count);
        Assert.Matches(@"^… \(\+\d+ lines\)$", lines[0]);
        Assert.Equal(40, lines.Count - 1 + sent[0].OmittedLines);
        Assert.EndsWith("line 40 " + new string('x', 40), texts[^1]);
    }

    [Fact]
    public async Task A_part_Kakao_refuses_reports_the_parts_delivered_and_the_parts_not()
    {
        await LoggedInAsync();
        // Two requests pass, the third is refused.
        await Control.AddFaultAsync(new { path = KakaoApi.DefaultMemoPath, count = 2 });
        await Control.AddFaultAsync(new { path = KakaoApi.DefaultMemoPath, status = 400, body = "{\"code\":-402,\"msg\":\"insufficient scopes.\",\"required_scopes\":[\"talk_message\"]}" });

        var result = Shell.Run("1..150 | Send-KakaoMemo -Overflow Split -TokenPath kakao_token.json");

        var delivered = result.All<KakaoMemoResult>().ToList();
        Assert.Equal(new[] { 1, 2 }, delivered.Select(d => d.Part));
        Assert.Equal(2, (await Control.MessagesAsync()).Count);
        var error = result.SingleError();
        Assert.StartsWith("Kakao-402,", error.FullyQualifiedErrorId);
        var parts = delivered[0].Parts;
        Assert.Contains($"Parts 1-2 of {parts} were delivered", error.Exception.Message);
        Assert.Contains(parts == 3 ? "part 3 was not" : $"parts 3-{parts} were not", error.Exception.Message);
    }

    [Fact]
    public async Task MaxMessages_on_piped_input_keeps_the_end_and_marks_the_cut_in_the_message()
    {
        await LoggedInAsync();

        var result = Shell.Run("1..2000 | Send-KakaoMemo -Overflow Split -MaxMessages 2 -TokenPath kakao_token.json").Succeeded();

        var texts = await Control.MemoTextsAsync();
        Assert.Equal(2, texts.Count);
        Assert.Matches(@"^\(1/2\)\n… \(\+\d+ lines\)\n", texts[0]);
        Assert.EndsWith("\n2000", texts[1]);
        Assert.Contains("-MaxMessages", Assert.Single(result.Warnings));
    }

    [Fact]
    public async Task A_verbose_line_that_would_stop_the_command_after_delivery_is_shown_late_and_the_memo_reported_delivered()
    {
        await LoggedInAsync();

        // The core's verbose line about Kakao's answer comes after the memo was delivered.
        var result = Shell.Run("$VerbosePreference = 'Stop'; try { Send-KakaoMemo -Text 'delivered' -TokenPath kakao_token.json } catch { 'failed: ' + $_.Exception.GetType().Name }");

        Assert.Equal(new[] { "delivered" }, await Control.MemoTextsAsync());
        Assert.Equal("delivered", Assert.IsType<KakaoMemoResult>(Assert.Single(result.Output)).Text);
        Assert.Contains(result.Information, r => r.MessageData.ToString()!.StartsWith("VERBOSE (shown here because the request had already gone to Kakao): POST ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task InputObject_by_name_or_splatted_is_sent_like_piped_input()
    {
        await LoggedInAsync();

        Shell.Run("Send-KakaoMemo -InputObject 'by name' -TokenPath kakao_token.json").Succeeded();
        Shell.Run("$p = @{ InputObject = @('one', 'two'); TokenPath = 'kakao_token.json' }; Send-KakaoMemo @p").Succeeded();
        Shell.Run("Send-KakaoMemo -InputObject 'a', 'b' -Each -TokenPath kakao_token.json").Succeeded();

        Assert.Equal(new[] { "by name", "one\ntwo", "a", "b" }, await Control.MemoTextsAsync());
    }

    [Fact]
    public async Task Each_with_no_input_sends_nothing_and_is_no_error_but_without_Each_it_is()
    {
        await LoggedInAsync();

        var each = Shell.Run("@() | Send-KakaoMemo -Each -TokenPath kakao_token.json").Succeeded();
        var plain = Shell.Run("@() | Send-KakaoMemo -TokenPath kakao_token.json");

        Assert.Empty(each.Output);
        Assert.Contains("EmptyMessage", plain.Terminating is ActionPreferenceStopException or null
            ? plain.Errors.Single().FullyQualifiedErrorId
            : ((IContainsErrorRecord)plain.Terminating).ErrorRecord.FullyQualifiedErrorId);
        Assert.Empty(await Control.MessagesAsync());
    }

    [Fact]
    public async Task The_cut_warning_counts_emoji_as_one_character_each()
    {
        await LoggedInAsync();

        var result = Shell.Run("Send-KakaoMemo -Text ('😀' * 150) -Overflow Tail -TokenPath kakao_token.json").Succeeded();

        var warning = Assert.Single(result.Warnings);
        Assert.Contains("51 characters", warning);
        Assert.DoesNotContain("line", warning);
    }

    [Fact]
    public async Task An_object_piped_in_is_laid_out_for_a_phone_with_its_column_names()
    {
        await LoggedInAsync();
        System.IO.File.WriteAllText(System.IO.Path.Combine(Folder.Path, "README.md"), "# readme");

        Shell.Run("Get-Item README.md | Send-KakaoMemo -TokenPath kakao_token.json").Succeeded();

        var text = Assert.Single(await Control.MemoTextsAsync());
        var lines = text.Split('\n');
        var header = Assert.Single(lines, l => l.Contains("Name") && l.Contains("LastWriteTime"));
        Assert.EndsWith("README.md", lines[System.Array.IndexOf(lines, header) + 1]);
        Assert.DoesNotContain("---", text);
        Assert.DoesNotContain("  ", text);
    }

    [Fact]
    public async Task A_cut_inside_a_table_keeps_its_header_line()
    {
        await LoggedInAsync();

        Shell.Run("1..100 | % { [pscustomobject]@{ Id = $_; Status = 'passed' } } | Send-KakaoMemo -WarningAction SilentlyContinue -TokenPath kakao_token.json").Succeeded();

        var lines = Assert.Single(await Control.MemoTextsAsync()).Split('\n');
        Assert.Matches(@"^… \(\+\d+ lines\)$", lines[0]);
        Assert.Equal("Id Status", lines[1]);
        Assert.Equal("100 passed", lines[^1]);
    }
}
