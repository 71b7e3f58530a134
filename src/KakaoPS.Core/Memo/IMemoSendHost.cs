using System;
using System.Threading;
using System.Threading.Tasks;
using KakaoPS.Errors;
using KakaoPS.Models;

namespace KakaoPS.Memo
{
    /// <summary>What only the command can do for <see cref="MemoSend"/>, on its pipeline thread: ask, show, write, connect and run.</summary>
    internal interface IMemoSendHost
    {
        /// <summary>Runs a step whose <see cref="KakaoException"/> ends the command (a terminating error, or the quiet end -ErrorAction SilentlyContinue asks for).</summary>
        T Checked<T>(Func<T> step);

        /// <summary>ShouldProcess (-WhatIf, -Confirm); false to skip the message.</summary>
        bool ShouldProcess(string verboseDescription, string verboseWarning, string caption);

        /// <summary>Shows how far the command is; a <paramref name="percent"/> of -1 when that is not known.</summary>
        void WriteProgress(string status, int percent);

        /// <summary>Ends the progress shown.</summary>
        void CompleteProgress(string status);

        void WriteWarning(string text);

        void WriteVerbose(string text);

        /// <summary>A non-terminating error about <paramref name="target"/>.</summary>
        void WriteError(KakaoException error, object? target);

        void WriteResult(KakaoMemoResult result);

        /// <summary>Writes what happened to the login during a send (a rotation hand-off that failed, a warning held until the request was out).</summary>
        void WriteLoginReports();

        /// <summary>Kakao's memo endpoints, connected on first use (a login that cannot be used ends the command).</summary>
        Func<MemoRequest, CancellationToken, Task<KakaoMemoResult>> Connect();

        /// <summary>Runs core work to completion on behalf of the pipeline thread (see <see cref="IMemoDeliveryHost.Run{T}"/>).</summary>
        T Run<T>(Func<CancellationToken, Task<T>> work, Action<T>? completedAnyway = null);

        /// <summary><see cref="Run{T}"/> for work without a result.</summary>
        void Run(Func<CancellationToken, Task> work);
    }
}
