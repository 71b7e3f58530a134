using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace KakaoPS.Memo
{
    /// <summary>What the sender of a command's memos does for the delivery (Throttling/ThrottledDelivery), on the pipeline thread: ask, send, and write what happened.</summary>
    internal interface IMemoDeliveryHost
    {
        /// <summary>Counts the part, shows progress and asks ShouldProcess (-WhatIf, -Confirm); false to skip it.</summary>
        bool Announce(MemoRequest request, int parts, bool streamed);

        /// <summary>
        /// Runs core work to completion, writing its messages as it goes; Ctrl+C cancels it. When writing a
        /// message fails ($WarningPreference = 'Stop'), work that finished anyway goes to <paramref name="completedAnyway"/>
        /// before the failure is thrown.
        /// </summary>
        T Run<T>(Func<CancellationToken, Task<T>> work, Action<T>? completedAnyway = null);

        /// <summary><see cref="Run{T}"/> for work without a result.</summary>
        void Run(Func<CancellationToken, Task> work);

        /// <summary>
        /// Sends one part and writes its result, or its error; calls <paramref name="accepted"/> as soon
        /// as Kakao has taken it, even when writing the result then fails.
        /// </summary>
        /// <returns>False when the part was not delivered (the error is written).</returns>
        bool Deliver(MemoRequest request, int heldBack, Action accepted);

        /// <summary>Writes a held-back result for every part.</summary>
        void WriteHeldBack(IReadOnlyList<MemoRequest> requests, int held);

        void WriteVerbose(string message);
    }
}
