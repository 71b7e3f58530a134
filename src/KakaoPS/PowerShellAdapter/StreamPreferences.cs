using System;
using System.Globalization;
using System.Management.Automation;

namespace KakaoPS.PowerShellAdapter
{
    /// <summary>What a command's preferences make of its verbose and warning messages, as PowerShell decides it.</summary>
    internal static class StreamPreferences
    {
        /// <summary>-Verbose, else $VerbosePreference as <paramref name="cmdlet"/> sees it.</summary>
        public static bool VerboseShown(PSCmdlet cmdlet)
        {
            if (cmdlet.MyInvocation.BoundParameters.TryGetValue("Verbose", out var verbose))
            {
                return verbose is SwitchParameter on && on.IsPresent;
            }

            var name = Name(cmdlet.SessionState.PSVariable.GetValue("VerbosePreference"));
            // Unknown: show, as PowerShell would rather than lose a message.
            return name != "SilentlyContinue" && name != "Ignore";
        }

        /// <summary>
        /// Whether a warning would interrupt <paramref name="cmdlet"/>: -WarningAction, else -Debug (PowerShell then
        /// inquires, which a non-interactive host fails), else $WarningPreference; Stop, Inquire, Suspend or Break.
        /// </summary>
        public static bool WarningsInterrupt(PSCmdlet cmdlet)
        {
            var bound = cmdlet.MyInvocation.BoundParameters;
            var name = bound.TryGetValue("WarningAction", out var action) ? Name(action)
                : bound.TryGetValue("Debug", out var debug) && debug is SwitchParameter on && on.IsPresent ? "Inquire"
                : Name(cmdlet.SessionState.PSVariable.GetValue("WarningPreference"));
            return Interrupts(name);
        }

        /// <summary>
        /// Whether a verbose message would interrupt <paramref name="cmdlet"/>: -Verbose makes it Continue, else
        /// $VerbosePreference is Stop, Inquire, Suspend or Break.
        /// </summary>
        public static bool VerboseInterrupts(PSCmdlet cmdlet) =>
            !cmdlet.MyInvocation.BoundParameters.ContainsKey("Verbose")
            && Interrupts(Name(cmdlet.SessionState.PSVariable.GetValue("VerbosePreference")));

        /// <summary>Whether an information record (Write-Host's too) would interrupt <paramref name="cmdlet"/>: -InformationAction, else $InformationPreference.</summary>
        public static bool InformationInterrupts(PSCmdlet cmdlet) =>
            Interrupts(cmdlet.MyInvocation.BoundParameters.TryGetValue("InformationAction", out var action) ? Name(action)
                : Name(cmdlet.SessionState.PSVariable.GetValue("InformationPreference")));

        private static bool Interrupts(string? preference) =>
            preference == "Stop" || preference == "Inquire" || preference == "Suspend" || preference == "Break";

        /// <summary>-ErrorAction, else $ErrorActionPreference as <paramref name="cmdlet"/> sees it: SilentlyContinue or Ignore.</summary>
        public static bool ErrorsSilenced(PSCmdlet cmdlet)
        {
            var name = cmdlet.MyInvocation.BoundParameters.TryGetValue("ErrorAction", out var action) ? Name(action)
                : Name(cmdlet.SessionState.PSVariable.GetValue("ErrorActionPreference"));
            return string.Equals(name, "SilentlyContinue", StringComparison.OrdinalIgnoreCase) || string.Equals(name, "Ignore", StringComparison.OrdinalIgnoreCase);
        }

        private static string? Name(object? preference) =>
            Convert.ToString(preference is PSObject wrapped ? wrapped.BaseObject : preference, CultureInfo.InvariantCulture);
    }
}
