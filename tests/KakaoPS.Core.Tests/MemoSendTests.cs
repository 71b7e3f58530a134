using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using KakaoPS.Configuration;
using KakaoPS.Errors;
using KakaoPS.Memo;
using KakaoPS.Models;
using KakaoPS.Templates;
using KakaoPS.Throttling;

namespace KakaoPS.Core.Tests;

/// <summary>
/// One Send-KakaoMemo command's text messages, with a stand-in for the command and the real
/// (unthrottled) delivery: when there is nothing to send, what -Each sends, and that a message is
/// checked before any of it goes.
/// </summary>
public sealed class MemoSendTests
{
    private static MemoComposer Composer(MemoOverflow overflow = MemoOverflow.Tail, int maxMessages = 10) =>
        new(null, overflow, maxMessages, keepEnd: true, new TextTemplate(), new KakaoConfiguration(null));

    private static MemoSend Send(Host host, string? text = null, bool each = false, bool piped = true, MemoComposer? composer = null) =>
        new(composer ?? Composer(), text, each, piped, host, delivery => new ThrottledDelivery(null, delivery));

    /// <summary>Pipes in a build log that -Overflow Split sends in several parts.</summary>
    private static void SendSplitLog(Host host)
    {
        var send = Send(host, composer: Composer(MemoOverflow.Split));
        send.Take(Enumerable.Range(1, 30).Select(i => new MemoLine($"line {i:00} of the build log")));
        send.Finish(Array.Empty<MemoLine>());
    }

    [Fact]
    public void Nothing_given_or_piped_in_is_an_error_and_nothing_is_sent()
    {
        var host = new Host();

        var error = Assert.Throws<KakaoException>(() => Send(host, piped: false).Finish(Array.Empty<MemoLine>()));

        Assert.Equal("EmptyMessage", error.ErrorId);
        Assert.Empty(host.Sent);
    }

    [Fact]
    public void Each_with_no_input_sends_nothing_and_is_no_error()
    {
        var host = new Host();

        Send(host, each: true, piped: true).Finish(Array.Empty<MemoLine>());

        Assert.Empty(host.Sent);
        Assert.Empty(host.Errors);
    }

    [Fact]
    public void Each_without_a_pipeline_and_without_text_is_still_an_error()
    {
        var host = new Host();

        Assert.Throws<KakaoException>(() => Send(host, each: true, piped: false).Finish(Array.Empty<MemoLine>()));
    }

    [Fact]
    public void Each_sends_one_message_per_item_and_text_as_one_more()
    {
        var host = new Host();
        var send = Send(host, text: "done", each: true);

        send.Take(new MemoLine[] { "first" });
        send.Take(new MemoLine[] { "second", "line" });
        send.Finish(Array.Empty<MemoLine>());

        Assert.Equal(new[] { "first", "second\nline", "done" }, host.Sent.Select(r => r.Part!.Text));
        // From the second streamed message on, the count is shown, and the progress ends with the command.
        Assert.Equal(new[] { "2", "3" }, host.Progress.Select(p => p.Status).Select(s => new string(s.Where(char.IsDigit).ToArray())));
        Assert.Single(host.Completed);
    }

    [Fact]
    public void Piped_lines_and_text_are_one_message()
    {
        var host = new Host();
        var send = Send(host, text: "end");

        send.Take(new MemoLine[] { "a" });
        send.Take(new MemoLine[] { "b" });
        send.Finish(new MemoLine[] { "c" });

        Assert.Equal("a\nb\nc\nend", Assert.Single(host.Sent).Part!.Text);
        Assert.Empty(host.Progress);
        Assert.Empty(host.Completed);
    }

    [Fact]
    public void A_message_too_long_for_Overflow_Error_is_refused_before_anything_is_sent()
    {
        var host = new Host();
        var send = Send(host, composer: Composer(MemoOverflow.Error));

        send.Take(new MemoLine[] { new string('x', 150), new string('y', 150) });
        var error = Assert.Throws<KakaoException>(() => send.Finish(Array.Empty<MemoLine>()));

        Assert.Equal("MemoTooLong", error.ErrorId);
        Assert.Empty(host.Asked);
        Assert.Empty(host.Sent);
    }

    [Fact]
    public void Every_part_of_a_split_message_is_asked_for_and_its_progress_shown()
    {
        var host = new Host();
        SendSplitLog(host);

        Assert.True(host.Sent.Count > 1);
        Assert.Equal(host.Sent.Count, host.Asked.Count);
        Assert.Equal(host.Sent.Select((_, i) => i * 100 / host.Sent.Count), host.Progress.Select(p => p.Percent));
        Assert.Single(host.Completed);
    }

    [Fact]
    public void A_blank_message_is_an_error_and_is_not_sent()
    {
        var host = new Host();

        Send(host, text: "   ", piped: false).Finish(Array.Empty<MemoLine>());

        Assert.Equal("EmptyMessage", Assert.Single(host.Errors).Error.ErrorId);
        Assert.Empty(host.Sent);
    }

    [Fact]
    public void A_refused_part_says_which_parts_were_delivered_and_the_later_parts_are_not_sent()
    {
        var host = new Host { RefuseAt = 2 };
        SendSplitLog(host);

        Assert.Equal(2, host.Sent.Count);
        var (error, target) = Assert.Single(host.Errors);
        Assert.NotEqual(Host.Refusal, error.Message);
        Assert.StartsWith(Host.Refusal.TrimEnd('.'), error.Message, StringComparison.Ordinal);
        Assert.Equal(host.Sent[1].Part!.Text, target);
        Assert.Single(host.Results);
    }

    private sealed class Host : IMemoSendHost
    {
        public const string Refusal = "Kakao refused the message.";

        public int RefuseAt { get; init; }

        public List<string> Asked { get; } = new();

        public List<MemoRequest> Sent { get; } = new();

        public List<KakaoMemoResult> Results { get; } = new();

        public List<(KakaoException Error, object? Target)> Errors { get; } = new();

        public List<(string Status, int Percent)> Progress { get; } = new();

        public List<string> Completed { get; } = new();

        public T Checked<T>(Func<T> step) => step();

        public bool ShouldProcess(string verboseDescription, string verboseWarning, string caption)
        {
            Asked.Add(verboseDescription);
            return true;
        }

        public void WriteProgress(string status, int percent) => Progress.Add((status, percent));

        public void CompleteProgress(string status) => Completed.Add(status);

        public void WriteWarning(string text)
        {
        }

        public void WriteVerbose(string text)
        {
        }

        public void WriteError(KakaoException error, object? target) => Errors.Add((error, target));

        public void WriteResult(KakaoMemoResult result) => Results.Add(result);

        public void WriteLoginReports()
        {
        }

        public Func<MemoRequest, CancellationToken, Task<KakaoMemoResult>> Connect() => (request, _) =>
        {
            Sent.Add(request);
            return Sent.Count == RefuseAt
                ? Task.FromException<KakaoMemoResult>(new KakaoException("KakaoRefused", KakaoErrorKind.InvalidArgument, Refusal, "Try again."))
                : Task.FromResult(MemoResults.Create(request, resultCode: 0, attempts: 1));
        };

        public T Run<T>(Func<CancellationToken, Task<T>> work, Action<T>? completedAnyway = null) => work(CancellationToken.None).GetAwaiter().GetResult();

        public void Run(Func<CancellationToken, Task> work) => work(CancellationToken.None).GetAwaiter().GetResult();
    }
}
