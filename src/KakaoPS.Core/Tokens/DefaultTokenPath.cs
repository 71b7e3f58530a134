using System;
using System.IO;
using System.Runtime.InteropServices;

namespace KakaoPS.Tokens
{
    /// <summary>Where the token file is when -TokenPath does not say.</summary>
    internal static class DefaultTokenPath
    {
        /// <summary>The folder of the per-user default, which KakaoPS owns and keeps at 0700.</summary>
        public const string FolderName = "KakaoPS";

        /// <summary>KAKAOPS_TOKEN_PATH, else the per-user configuration folder.</summary>
        public static string Resolve()
        {
            var fromEnvironment = Environment.GetEnvironmentVariable("KAKAOPS_TOKEN_PATH");
            if (!string.IsNullOrWhiteSpace(fromEnvironment))
            {
                return fromEnvironment!;
            }

            string root;
            if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
            {
                root = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData);
            }
            else
            {
                var xdg = Environment.GetEnvironmentVariable("XDG_CONFIG_HOME");
                root = !string.IsNullOrWhiteSpace(xdg)
                    ? xdg!
                    : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".config");
            }

            return Path.Combine(root, FolderName, TokenStore.FileName);
        }
    }
}
