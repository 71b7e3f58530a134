using System;
using System.Globalization;
using System.Management.Automation;
using KakaoPS.PowerShellAdapter;
using KakaoPS.Resources;

namespace KakaoPS.Commands.Base
{
    /// <summary>
    /// A command's warnings, verbose messages and Write-Host-like notices, written as its preferences ask
    /// until a request has gone to Kakao. From then on no write may fail the command: a preference that turns
    /// a message into an error (Stop; Inquire, which -Debug implies and a non-interactive host fails) makes
    /// PowerShell fail the whole pipeline even if the exception is caught, after a refresh token was replaced
    /// or a memo delivered. Such a message is shown like Write-Host instead, or on the host itself when
    /// $InformationPreference would stop Write-Host too. Called on the pipeline thread.
    /// </summary>
    internal sealed class SafeStreamWrites
    {
        private static readonly string[] LateWarningTags = { "PSHOST", "KakaoPS", "Warning" };
        private static readonly string[] LateVerboseTags = { "PSHOST", "KakaoPS", "Verbose" };

        private readonly PSCmdlet _cmdlet;
        private readonly Func<bool> _requestSent;
        private bool? _warningsInterrupt;
        private bool? _verboseInterrupts;
        private bool? _informationInterrupts;

        public SafeStreamWrites(PSCmdlet cmdlet, Func<bool> requestSent)
        {
            _cmdlet = cmdlet;
            _requestSent = requestSent;
        }

        /// <summary>Whether a verbose message would stop the command ($VerbosePreference = 'Stop').</summary>
        public bool VerboseInterrupts => _verboseInterrupts ??= StreamPreferences.VerboseInterrupts(_cmdlet);

        /// <summary>Whether Write-Host would stop the command ($InformationPreference = 'Stop').</summary>
        public bool InformationInterrupts => _informationInterrupts ??= StreamPreferences.InformationInterrupts(_cmdlet);

        private bool WarningsInterrupt => _warningsInterrupt ??= StreamPreferences.WarningsInterrupt(_cmdlet);

        public void Warning(string message)
        {
            if (_requestSent() && WarningsInterrupt)
            {
                Information(string.Format(CultureInfo.CurrentCulture, CommandMessages.LateWarning, message), LateWarningTags);
                return;
            }

            _cmdlet.WriteWarning(message);
        }

        public void Verbose(string message)
        {
            if (_requestSent() && VerboseInterrupts)
            {
                Information(string.Format(CultureInfo.CurrentCulture, CommandMessages.LateVerbose, message), LateVerboseTags);
                return;
            }

            _cmdlet.WriteVerbose(message);
        }

        /// <summary>Shown like Write-Host, in yellow; <paramref name="tags"/> let scripts find it.</summary>
        public void Information(string message, string[] tags)
        {
            if (_requestSent() && InformationInterrupts)
            {
                _cmdlet.Host?.UI?.WriteLine(message);
                return;
            }

            _cmdlet.WriteInformation(new HostInformationMessage { Message = message, ForegroundColor = ConsoleColor.Yellow, NoNewLine = false }, tags);
        }
    }
}
