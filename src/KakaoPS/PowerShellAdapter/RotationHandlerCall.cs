using System;
using System.Collections;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Security;

namespace KakaoPS.PowerShellAdapter
{
    /// <summary>One run of a user's -OnRefreshTokenRotated script block with the new refresh token.</summary>
    internal static class RotationHandlerCall
    {
        /// <summary>
        /// Runs <paramref name="handler"/> with <paramref name="refreshToken"/> as its only argument, on the calling thread,
        /// which must be the pipeline thread of a running command. Its output is dropped; its warnings go to
        /// <paramref name="warning"/>, its verbose and information messages to <paramref name="cmdlet"/>'s streams, and what
        /// its native commands wrote to stderr to verbose: a command that exits 0 has not failed. Returns why it failed
        /// (a terminating error, or an error it wrote), redacted, or null. Errors that quote the token are taken out of $Error.
        /// </summary>
        public static string? Invoke(PSCmdlet cmdlet, Action<string> warning, ScriptBlock handler, SecureString refreshToken, string plainToken)
        {
            var errors = cmdlet.SessionState.PSVariable.GetValue("Error") as ArrayList;
            using var shell = PowerShell.Create(RunspaceMode.CurrentRunspace);
            // Caught inside, so that no terminating error leaves the pipeline: PowerShell would write it to a transcript as it is.
            // Information (Write-Host) comes back as output, so that the host shows it only once it is redacted.
            shell.AddScript("try { & $args[0] $args[1] 6>&1 | Where-Object { $_ -is [System.Management.Automation.InformationRecord] } } catch { $_ }", useLocalScope: true)
                .AddArgument(handler).AddArgument(refreshToken);
            string? failure = null;
            var information = new System.Collections.Generic.List<InformationRecord>();
            try
            {
                var output = shell.Invoke().Select(o => o?.BaseObject).ToList();
                information.AddRange(output.OfType<InformationRecord>());
                failure = output.OfType<ErrorRecord>().Select(e => e.ToString()).FirstOrDefault();
            }
            catch (RuntimeException e)
            {
                failure = e.ErrorRecord?.ToString() ?? e.Message;
            }

            // First, before any stream write that a preference may turn into a stop.
            ForgetErrorsQuoting(errors, plainToken);
            failure ??= shell.Streams.Error.Where(e => !IsNativeStderr(e)).Select(e => e.ToString()).FirstOrDefault();

            foreach (var message in shell.Streams.Warning)
            {
                warning(Redact(message.Message, plainToken));
            }

            foreach (var verbose in shell.Streams.Verbose)
            {
                cmdlet.WriteVerbose(Redact(verbose.Message, plainToken));
            }

            foreach (var record in information)
            {
                var text = record.MessageData?.ToString();
                cmdlet.WriteInformation(text != null && text.Contains(plainToken) ? new InformationRecord(Redact(text, plainToken), record.Source) : record);
            }

            foreach (var stderr in shell.Streams.Error.Where(IsNativeStderr))
            {
                cmdlet.WriteVerbose(Redact(stderr.ToString(), plainToken));
            }

            return failure == null ? null : Redact(failure, plainToken);
        }

        /// <summary>A line a native command wrote to stderr, which PowerShell records as an error whatever the exit code.</summary>
        private static bool IsNativeStderr(ErrorRecord record) =>
            record.FullyQualifiedErrorId.StartsWith("NativeCommandError", StringComparison.Ordinal);

        /// <summary>
        /// The handler's own errors went to $Error as they are; those that quote the token are removed (KakaoPS reports them
        /// redacted). All of $Error is looked at: once it holds $MaximumErrorCount entries its count no longer grows, and the
        /// token is new, so only the handler's errors can quote it.
        /// </summary>
        private static void ForgetErrorsQuoting(ArrayList? errors, string plainToken)
        {
            if (errors == null)
            {
                return;
            }

            for (var i = errors.Count - 1; i >= 0; i--)
            {
                var entry = errors[i];
                var text = entry is ErrorRecord record ? record.ToString() + record.Exception : Convert.ToString(entry, System.Globalization.CultureInfo.InvariantCulture);
                if (text != null && text.Contains(plainToken))
                {
                    errors.RemoveAt(i);
                }
            }
        }

        private static string Redact(string text, string plainToken) => text.Replace(plainToken, "***");
    }
}
