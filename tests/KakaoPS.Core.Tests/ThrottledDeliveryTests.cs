using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using KakaoPS.Memo;
using KakaoPS.Templates;
using KakaoPS.Tests.Infrastructure;
using KakaoPS.Throttling;

namespace KakaoPS.Core.Tests;

/// <summary>
/// Throttled delivery with a stand-in for the command: the reservation stands only for what Kakao
/// took, whatever way a send fails before that.
/// </summary>
public sealed class ThrottledDeliveryTests : IDisposable
{
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private Throttler NewThrottler() => new(Hour, null, ThrottleFolder.Beside(_folder.TokenPath));

    private static IReadOnlyList<MemoRequest> Message(string text) =>
        new[] { MemoRequest.Default(new TextTemplate { Text = text, FallbackWebUrl = TextTemplate.DefaultWebUrl }.ToTemplate()) };

    /// <summary>Sends <paramref name="text"/> through a host whose Deliver does <paramref name="deliver"/>; then whether a second try is held back.</summary>
    private bool HeldBackAfter(string text, Func<Action, bool> deliver)
    {
        var first = new Host(deliver);
        try
        {
            new ThrottledDelivery(NewThrottler(), first).Send(Message(text), streamed: false);
        }
        catch (InvalidOperationException)
        {
            // the stand-in for a terminating error or a stop
        }

        var second = new Host(accepted => { accepted(); return true; });
        new ThrottledDelivery(NewThrottler(), second).Send(Message(text), streamed: false);
        return second.Held.Count > 0;
    }

    [Fact]
    public void What_Kakao_took_is_held_back()
    {
        Assert.True(HeldBackAfter("delivered", accepted => { accepted(); return true; }));
    }

    [Fact]
    public void What_Kakao_refused_is_not_held_back()
    {
        Assert.False(HeldBackAfter("refused", _ => false));
    }

    [Fact]
    public void A_failure_before_Kakao_took_it_is_not_held_back()
    {
        // Not connected, a login that cannot be used, a stopped command: thrown before Kakao's answer.
        Assert.False(HeldBackAfter("not connected", _ => throw new InvalidOperationException("not connected")));
    }

    [Fact]
    public void A_failure_after_Kakao_took_it_still_holds_it_back()
    {
        // Writing the result failed ($ErrorActionPreference, a closed pipe): the memo was delivered.
        Assert.True(HeldBackAfter("delivered, then the write failed", accepted => { accepted(); throw new InvalidOperationException("write failed"); }));
    }

    [Fact]
    public void WhatIf_records_nothing()
    {
        var whatIf = new Host(accepted => { accepted(); return true; }) { Confirm = false };
        new ThrottledDelivery(NewThrottler(), whatIf).Send(Message("what if"), streamed: false);

        var real = new Host(accepted => { accepted(); return true; });
        new ThrottledDelivery(NewThrottler(), real).Send(Message("what if"), streamed: false);

        Assert.Empty(whatIf.Delivered);
        Assert.Single(real.Delivered);
        Assert.Empty(real.Held);
    }

    private sealed class Host(Func<Action, bool> deliver) : IMemoDeliveryHost
    {
        public bool Confirm { get; init; } = true;

        public List<MemoRequest> Delivered { get; } = new();

        public List<MemoRequest> Held { get; } = new();

        public bool Announce(MemoRequest request, int parts, bool streamed) => Confirm;

        public T Run<T>(Func<CancellationToken, Task<T>> work, Action<T>? completedAnyway = null) => work(CancellationToken.None).GetAwaiter().GetResult();

        public void Run(Func<CancellationToken, Task> work) => work(CancellationToken.None).GetAwaiter().GetResult();

        public bool Deliver(MemoRequest request, int heldBack, Action accepted)
        {
            Delivered.Add(request);
            return deliver(accepted);
        }

        public void WriteHeldBack(IReadOnlyList<MemoRequest> requests, int held) => Held.AddRange(requests);

        public void WriteVerbose(string message)
        {
        }
    }
}
