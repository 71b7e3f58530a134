using System;
using System.IO;
using System.Reflection;
using System.Runtime.InteropServices;

namespace KakaoPS.Tokens
{
    /// <summary>
    /// Owner-only permissions (0600 files, 0700 folders) on Unix. File.SetUnixFileMode exists from
    /// .NET 7 on, which every supported PowerShell on Unix runs on; this assembly targets
    /// netstandard2.0 for Windows PowerShell, so it is found at run time.
    /// </summary>
    internal static class OwnerOnly
    {
        private const int UserReadWrite = 0x180;        // 0600
        private const int UserReadWriteExecute = 0x1C0; // 0700

        private static readonly MethodInfo? SetUnixFileMode =
            typeof(File).GetMethod("SetUnixFileMode", new[] { typeof(string), Type.GetType("System.IO.UnixFileMode") ?? typeof(void) });

        public static void RestrictFile(string path) => Apply(path, UserReadWrite);

        public static void RestrictFolder(string path) => Apply(path, UserReadWriteExecute);

        private static void Apply(string path, int mode)
        {
            if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows) || SetUnixFileMode == null)
            {
                // On Windows the per-user profile folder is already private to its owner.
                return;
            }

            var modeType = SetUnixFileMode.GetParameters()[1].ParameterType;
            SetUnixFileMode.Invoke(null, new[] { path, Enum.ToObject(modeType, mode) });
        }
    }
}
