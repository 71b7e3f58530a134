using System;
using System.IO;
using System.Runtime.InteropServices;

namespace KakaoPS.Configuration
{
    /// <summary>
    /// Whether a path (after links) is a regular file. Opening a FIFO blocks until someone writes
    /// to it and a device such as /dev/zero never ends, so files that others may have placed (a
    /// cloned repository's .env) are looked at before they are opened.
    /// </summary>
    internal static class RegularFiles
    {
        private const int FileTypeMask = 0xF000;  // S_IFMT as the .NET runtime's native layer reports it
        private const int RegularFile = 0x8000;   // S_IFREG

        /// <summary>True for a regular file or a link to one; false for folders, FIFOs, devices and sockets.</summary>
        public static bool IsRegularFile(string path)
        {
            if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
            {
                var attributes = File.GetAttributes(path);
                return (attributes & (FileAttributes.Directory | FileAttributes.Device)) == 0;
            }

            return UnixFileType(path) is int type ? type == RegularFile : !Directory.Exists(path);
        }

        /// <summary>
        /// The S_IFMT bits from stat(2), through the runtime's own System.Native library (every
        /// PowerShell on Unix runs on .NET, which ships it); null where it cannot be asked.
        /// </summary>
        private static unsafe int? UnixFileType(string path)
        {
            // The runtime's FileStatus starts with int32 Flags, int32 Mode; the buffer is larger than the whole struct.
            var status = stackalloc byte[512];
            try
            {
                if (SystemNativeStat(path, status) != 0)
                {
                    throw new FileNotFoundException(null, path);
                }
            }
            catch (Exception e) when (e is DllNotFoundException || e is EntryPointNotFoundException)
            {
                return null;
            }

            return *(int*)(status + 4) & FileTypeMask;
        }

        [DllImport("libSystem.Native", EntryPoint = "SystemNative_Stat", CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
        private static extern unsafe int SystemNativeStat(string path, byte* status);
    }
}
