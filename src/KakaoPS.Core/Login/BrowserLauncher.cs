using System;
using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using KakaoPS.Resources;

namespace KakaoPS.Login
{
    /// <summary>
    /// Opens a URL the way gh and Python's webbrowser do: the BROWSER environment variable when
    /// set (a command; "%s" is replaced by the URL, else the URL is appended), else the OS default.
    /// </summary>
    internal static class BrowserLauncher
    {
        /// <summary>
        /// How long a launcher may take to say it failed. xdg-open without a display, or a BROWSER
        /// command that cannot run, exits at once with an error code; a browser started in the foreground
        /// keeps running and is taken as opened.
        /// </summary>
        private const int LauncherGraceMilliseconds = 2000;

        /// <summary>
        /// True when a browser was started; false when none could be, with the reason (never the
        /// launcher's own output: xdg-open's complaint on a headless machine is not ours to show).
        /// </summary>
        public static bool TryOpen(Uri url, out string? failure)
        {
            failure = null;
            var start = StartInfo(url.AbsoluteUri);
            Process? process;
            try
            {
                process = Process.Start(start);
            }
            catch (Exception e) when (e is Win32Exception || e is InvalidOperationException || e is PlatformNotSupportedException)
            {
                failure = e.Message;
                return false;
            }

            if (process == null || start.UseShellExecute)
            {
                process?.Dispose();
                return process != null || RuntimeInformation.IsOSPlatform(OSPlatform.Windows);
            }

            // Read and dropped: a launcher that fills a pipe nobody reads would block.
            process.OutputDataReceived += (_, _) => { };
            process.ErrorDataReceived += (_, _) => { };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            if (!process.WaitForExit(LauncherGraceMilliseconds))
            {
                return true; // left running, its output still drained
            }

            var exitCode = process.ExitCode;
            process.Dispose();
            if (exitCode == 0)
            {
                return true;
            }

            failure = string.Format(CultureInfo.CurrentCulture, LoginMessages.LauncherFailed, start.FileName, exitCode);
            return false;
        }

        private static ProcessStartInfo StartInfo(string url)
        {
            var browser = Environment.GetEnvironmentVariable("BROWSER");
            if (!string.IsNullOrWhiteSpace(browser))
            {
                // BROWSER may list several commands separated by the path separator; the first is used.
                var command = browser!.Split(System.IO.Path.PathSeparator)[0].Trim();
                var (file, arguments) = SplitCommand(command);
                arguments = arguments.Contains("%s") ? arguments.Replace("%s", Quote(url)) : (arguments + " " + Quote(url)).Trim();
                return new ProcessStartInfo(file, arguments) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
            }

            if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
            {
                return new ProcessStartInfo(url) { UseShellExecute = true };
            }

            var opener = RuntimeInformation.IsOSPlatform(OSPlatform.OSX) ? "open" : "xdg-open";
            return new ProcessStartInfo(opener, Quote(url)) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        }

        private static (string File, string Arguments) SplitCommand(string command)
        {
            if (command.StartsWith("\"", StringComparison.Ordinal))
            {
                var end = command.IndexOf('"', 1);
                if (end > 0)
                {
                    return (command.Substring(1, end - 1), command.Substring(end + 1).Trim());
                }
            }

            var space = command.IndexOf(' ');
            return space < 0 ? (command, string.Empty) : (command.Substring(0, space), command.Substring(space + 1).Trim());
        }

        private static string Quote(string value) => "\"" + value.Replace("\"", "\\\"") + "\"";
    }
}
