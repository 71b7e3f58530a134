using System;
using System.Globalization;
using System.Management.Automation;

namespace KakaoPS.PowerShellAdapter
{
    /// <summary>Preference values as PowerShell users give them: an ActionPreference or its name.</summary>
    internal static class ActionPreferences
    {
        /// <summary>Whether <paramref name="value"/> is SilentlyContinue or Ignore; an unknown value is not.</summary>
        public static bool Silences(object? value)
        {
            var preference = value is ActionPreference typed ? typed
                : Enum.TryParse<ActionPreference>(Convert.ToString(value, CultureInfo.InvariantCulture), true, out var parsed) ? parsed
                : ActionPreference.Continue;   // unknown: show, as PowerShell would rather than lose a message
            return preference == ActionPreference.SilentlyContinue || preference == ActionPreference.Ignore;
        }
    }
}
