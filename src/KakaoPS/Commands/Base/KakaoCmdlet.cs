using System;
using System.Collections.Concurrent;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using KakaoPS.Configuration;
using KakaoPS.Errors;
using KakaoPS.Http;
using KakaoPS.Logging;
using KakaoPS.Session;
using KakaoPS.Tokens;
using KakaoPS.Models;
using KakaoPS.PowerShellAdapter;

namespace KakaoPS.Commands.Base
{
    /// <summary>
    /// What every KakaoPS cmdlet shares: Ctrl+C cancellation, running the async core on the
    /// pipeline thread while forwarding its messages, paths relative to the PowerShell location,
    /// the token store, and turning core failures into ErrorRecords.
    /// </summary>
    public abstract class KakaoCmdlet : PSCmdlet, IDisposable
    {
        private readonly CancellationTokenSource _cancellation = new CancellationTokenSource();
        private PipelineThreadQueue? _pipelineWork;
        private static readonly ConcurrentDictionary<string, string> ResolvedLocations = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);

        private KakaoConfiguration? _configuration;
        private KakaoLog? _log;

        /// <summary>Cancelled by Ctrl+C.</summary>
        private protected CancellationToken CancellationToken => _cancellation.Token;

        /// <summary>
        /// The core's messages, shown on the verbose, warning, progress and information streams. Verbose messages that would not
        /// be shown are not handed to the pipeline thread at all: each hand-off wakes that thread. Made once per command:
        /// each look-up of $VerbosePreference is a search of PowerShell's variable scopes.
        /// </summary>
        private protected KakaoLog Log => _log ??= NewLog(StreamPreferences.VerboseShown(this));

        /// <summary>
        /// Whether a message may stop the command is looked up here, on the pipeline thread (the core writes from
        /// others), and for verbose messages only when they are shown at all.
        /// </summary>
        private KakaoLog NewLog(bool verboseShown) => WithHooks(new KakaoLog(
            verboseShown ? message => OnPipelineThread(() => Streams.Verbose(message)) : (Action<string>?)null,
            message => OnPipelineThread(() => Streams.Warning(message)),
            (status, percent) => OnPipelineThread(() => WriteProgress(new ProgressRecord(0, MyInvocation.MyCommand.Name, status)
            {
                PercentComplete = Math.Min(percent, 100),
                RecordType = percent >= 100 ? ProgressRecordType.Completed : ProgressRecordType.Processing,
            })),
            (tag, message) => OnPipelineThread(() => Streams.Information(message, new[] { "PSHOST", "KakaoPS", tag })),
            verboseMayStop: verboseShown && Streams.VerboseInterrupts,
            informationMayStop: Streams.InformationInterrupts));

        /// <summary>True once this Run's work has sent a request: from then on no stream write may cancel it.</summary>
        private volatile bool _requestSent;

        private SafeStreamWrites? _streams;

        /// <summary>The command's messages, which cannot fail it once a request is out.</summary>
        private protected SafeStreamWrites Streams => _streams ??= new SafeStreamWrites(this, () => _requestSent);

        private KakaoLog WithHooks(KakaoLog log)
        {
            log.Written = WrittenAsync;
            log.Sending = () => _requestSent = true;
            return log;
        }

        /// <summary>Completes once the pipeline thread has written what was handed to it so far; cancelled with the work.</summary>
        private async Task WrittenAsync(CancellationToken cancellationToken)
        {
            var queue = _pipelineWork;
            var written = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            if (queue == null || !queue.TryAdd(() => written.TrySetResult(true)))
            {
                return;
            }

            using (cancellationToken.Register(() => written.TrySetCanceled()))
            {
                await written.Task.ConfigureAwait(false);
            }
        }

        /// <summary>Environment variables, then .env in the current PowerShell location (read when first needed; its problems are warnings).</summary>
        private protected KakaoConfiguration Configuration => _configuration ??= new KakaoConfiguration(CurrentDirectory, Log);

        /// <summary>
        /// The file-system folder of the PowerShell location. Resolving a location to its provider
        /// path is slow next to a send (docs/benchmarks.md), so each location is resolved once per process.
        /// </summary>
        private protected string CurrentDirectory
        {
            get
            {
                var location = SessionState.Path.CurrentLocation;
                if (location.Provider.Name != "FileSystem")
                {
                    return SessionState.Path.CurrentFileSystemLocation.ProviderPath;
                }

                var key = location.Drive?.Root + "|" + location.Path;
                if (!ResolvedLocations.TryGetValue(key, out var resolved))
                {
                    resolved = location.ProviderPath;
                    ResolvedLocations[key] = resolved;
                }

                return resolved;
            }
        }

        protected override void StopProcessing() => _cancellation.Cancel();

        public void Dispose()
        {
            _cancellation.Dispose();
            GC.SuppressFinalize(this);
        }

        /// <summary>
        /// Runs core work to completion. Its verbose and warning messages are written from this
        /// (the pipeline) thread, the only one PowerShell lets write to its streams. When such a
        /// write throws (a preference of Stop, -Debug without a host to ask) before the work sent a
        /// request, the work is cancelled and waited for, so nothing goes on after the command failed;
        /// the work waits for its warnings to be written before each request (<see cref="KakaoLog.BeforeSendAsync"/>).
        /// Once a request is out, a write that throws is dropped: it cannot cancel a refresh token's hand-off or
        /// turn a delivered memo into a failure. Work that finished anyway is handed to <paramref name="completedAnyway"/>
        /// (e.g. to output a memo that was delivered) before the write's exception is thrown.
        /// </summary>
        private protected T Run<T>(Func<CancellationToken, Task<T>> work, Action<T>? completedAnyway = null)
        {
            var queue = new PipelineThreadQueue();
            using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(CancellationToken);
            _pipelineWork = queue;
            _requestSent = false;
            Exception? writeFailure = null;
            try
            {
                var task = StartInline(work, cancellation.Token);
                // Inline on the finishing thread: queuing it to the thread pool costs a thread wake-up per call.
                task.ContinueWith(_ => queue.Complete(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
                while (queue.TryTakeNext(out var action))
                {
                    if (writeFailure != null)
                    {
                        continue; // drained while the cancelled work finishes
                    }

                    try
                    {
                        action!();
                    }
                    catch (Exception) when (_requestSent)
                    {
                        // The request is out (a refresh token may have been replaced, a memo delivered): a message that
                        // cannot be shown must not cancel the hand-off or the result, which come after it.
                    }
                    catch (Exception e)
                    {
                        writeFailure = e;
                        cancellation.Cancel();
                    }
                }

                if (writeFailure != null)
                {
                    if (task.Status == TaskStatus.RanToCompletion)
                    {
                        completedAnyway?.Invoke(task.Result);
                    }

                    WriteLoginReports();
                    System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(writeFailure).Throw();
                }

                if (task.Status != TaskStatus.RanToCompletion)
                {
                    WriteLoginReports();
                }
                else if (completedAnyway == null)
                {
                    // A caller that outputs the result first (a delivered memo) writes the reports after it.
                    WriteLoginReports();
                }

                return task.GetAwaiter().GetResult();
            }
            catch (OperationCanceledException) when (CancellationToken.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }
            finally
            {
                _pipelineWork = null;
            }
        }

        /// <summary>
        /// Starts the work on this thread, without a synchronization context, so its awaits resume on the
        /// thread pool: handing the start to the pool would cost a thread wake-up per call.
        /// </summary>
        private static Task<T> StartInline<T>(Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken)
        {
            var context = SynchronizationContext.Current;
            SynchronizationContext.SetSynchronizationContext(null);
            try
            {
                return work(cancellationToken);
            }
            catch (Exception e)
            {
                return Task.FromException<T>(e);
            }
            finally
            {
                SynchronizationContext.SetSynchronizationContext(context);
            }
        }

        private protected void Run(Func<CancellationToken, Task> work) =>
            Run<bool>(async cancellationToken =>
            {
                await work(cancellationToken).ConfigureAwait(false);
                return true;
            });

        /// <summary>Writes what happened to the login while core work ran; <see cref="KakaoTokenCmdlet"/> has logins.</summary>
        private protected virtual void WriteLoginReports()
        {
        }

        /// <summary>How requests to Kakao are retried; <see cref="KakaoRequestCmdlet"/> takes it from parameters.</summary>
        private protected virtual RetryPolicy RetryPolicy => RetryPolicy.Default;

        /// <summary>
        /// Runs <paramref name="action"/>; a core failure becomes a terminating error, or, inside
        /// <see cref="StopsQuietly"/> when the caller chose -ErrorAction SilentlyContinue or Ignore, an
        /// error written as that choice asks and the end of the command.
        /// </summary>
        private protected T Guard<T>(Func<T> action, object? target = null)
        {
            try
            {
                return action();
            }
            catch (KakaoException e)
            {
                var record = ToErrorRecord(e, target);
                if (_quietSteps > 0 && StreamPreferences.ErrorsSilenced(this))
                {
                    WriteError(record);
                    throw new QuietStop();
                }

                ThrowTerminatingError(record);
                throw; // not reached
            }
        }

        private int _quietSteps;
        private bool _stoppedQuietly;

        /// <summary>
        /// Runs one step of the command (BeginProcessing, ProcessRecord, EndProcessing). A failure that
        /// <see cref="Guard{T}"/> turned into a silenced error ends the command: later steps do nothing.
        /// PowerShell itself lets -ErrorAction silence only non-terminating errors.
        /// </summary>
        private protected void StopsQuietly(Action step)
        {
            if (_stoppedQuietly)
            {
                return;
            }

            _quietSteps++;
            try
            {
                step();
            }
            catch (QuietStop)
            {
                _stoppedQuietly = true;
            }
            finally
            {
                _quietSteps--;
            }
        }

        /// <summary>Ends a step after its error was written; caught by <see cref="StopsQuietly"/>.</summary>
        private sealed class QuietStop : Exception
        {
        }

        private protected void Guard(Action action, object? target = null) =>
            Guard(() =>
            {
                action();
                return true;
            }, target);

        private protected void WriteKakaoError(KakaoException e, object? target) => WriteError(ToErrorRecord(e, target));

        private protected static ErrorRecord ToErrorRecord(KakaoException e, object? target) => KakaoErrorRecords.From(e, target);

        /// <summary>Runs <paramref name="action"/> on the pipeline thread (to ask the user, say) and lets the core await its answer.</summary>
        private protected Task<T> OnPipelineThreadAsync<T>(Func<T> action)
        {
            var answer = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
            OnPipelineThread(() =>
            {
                try
                {
                    answer.TrySetResult(action());
                }
                catch (Exception e)
                {
                    answer.TrySetException(e);
                }
            });
            return answer.Task;
        }

        private protected void OnPipelineThread(Action action)
        {
            var queue = _pipelineWork;
            if (queue != null && !queue.IsCompleted)
            {
                // False when the work finished between the check and the add: the message is dropped.
                queue.TryAdd(action);
                return;
            }

            action();
        }
    }
}
