using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using KakaoPS.Resources;

namespace KakaoPS.Files
{
    /// <summary>
    /// Paths that look like files but are not, or that the system cannot hold: Windows device names
    /// (NUL, CON, COM1, …, with any extension), device and pipe paths (\\.\pipe\x), a drive that does
    /// not exist, and paths longer than the system allows. Found before any file is opened, so the
    /// user reads what is wrong with the path instead of an IOException about an empty one.
    /// </summary>
    internal static class FilePathRules
    {
        /// <summary>The longest file or folder name on NTFS, ext4 and APFS alike.</summary>
        public const int MaximumNameLength = 255;

        private static readonly string[] DeviceNames =
        {
            "CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$",
            "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9", "COM\u00B9", "COM\u00B2", "COM\u00B3",
            "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9", "LPT\u00B9", "LPT\u00B2", "LPT\u00B3",
        };

        /// <summary>What is wrong with <paramref name="path"/> as a file to keep, or null.</summary>
        public static string? Problem(string path) =>
            Problem(path, RuntimeInformation.IsOSPlatform(OSPlatform.Windows), Directory.Exists);

        public static string? Problem(string path, bool windows, Func<string, bool> folderExists)
        {
            if (windows)
            {
                if (DevicePath(path))
                {
                    return string.Format(CultureInfo.CurrentCulture, FileMessages.DevicePathReason, path);
                }

                var device = path.Split('\\', '/').Select(DeviceName).FirstOrDefault(name => name != null);
                if (device != null)
                {
                    return string.Format(CultureInfo.CurrentCulture, FileMessages.DeviceNameReason, device);
                }

                if (path.Length >= 2 && path[1] == ':' && char.IsLetter(path[0]) && !folderExists(path.Substring(0, 2) + "\\"))
                {
                    return string.Format(CultureInfo.CurrentCulture, FileMessages.NoSuchDriveReason, path.Substring(0, 2).ToUpperInvariant());
                }
            }

            var longest = path.Split('\\', '/').Max(part => part.Length);
            if (longest > MaximumNameLength)
            {
                return string.Format(CultureInfo.CurrentCulture, FileMessages.NameTooLongReason, longest, MaximumNameLength);
            }

            var maximum = windows ? 32_000 : 4_095;
            return path.Length > maximum
                ? string.Format(CultureInfo.CurrentCulture, FileMessages.PathTooLongReason, path.Length, maximum)
                : null;
        }

        /// <summary>\\.\… and \\?\… name devices and pipes, except \\?\C:\… and \\?\UNC\…, which are long file paths.</summary>
        private static bool DevicePath(string path)
        {
            if (!(path.StartsWith(@"\\.\", StringComparison.Ordinal) || path.StartsWith(@"\\?\", StringComparison.Ordinal)
                || path.StartsWith("//./", StringComparison.Ordinal) || path.StartsWith("//?/", StringComparison.Ordinal)))
            {
                return false;
            }

            var rest = path.Substring(4);
            var drive = rest.Length >= 3 && char.IsLetter(rest[0]) && rest[1] == ':' && (rest[2] == '\\' || rest[2] == '/');
            return path[2] == '.' || !(drive || rest.StartsWith(@"UNC\", StringComparison.OrdinalIgnoreCase));
        }

        /// <summary>The device a path part names (NUL, nul.json, "COM1 .txt"), or null.</summary>
        private static string? DeviceName(string part)
        {
            var dot = part.IndexOf('.');
            var stem = (dot < 0 ? part : part.Substring(0, dot)).TrimEnd(' ');
            return DeviceNames.FirstOrDefault(name => string.Equals(name, stem, StringComparison.OrdinalIgnoreCase));
        }
    }
}
