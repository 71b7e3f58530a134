using System;
using System.ComponentModel;
using System.IO;
using System.Runtime.InteropServices;
using KakaoPS.Resources;
using Microsoft.Win32.SafeHandles;

namespace KakaoPS.Files
{
    /// <summary>
    /// The few Unix calls the owner-only files need and netstandard2.0 does not offer: open(2) with
    /// a creation mode and O_NOFOLLOW, stat without opening, flock. They go through libSystem.Native,
    /// the shim every .NET runtime on Unix ships, because open(2) itself is variadic and cannot be
    /// called portably (Apple silicon passes variadic arguments on the stack).
    /// </summary>
    internal static class UnixFiles
    {
        private const string Native = "libSystem.Native";

        // The shim's own flag values (pal_io.h), the same on every Unix.
        private const int ReadOnly = 0x0000;
        private const int ReadWrite = 0x0002;
        private const int CloseOnExec = 0x0010;
        private const int Create = 0x0020;
        private const int Exclusive = 0x0040;
        private const int NoFollow = 0x0200;

        private const int LockExclusive = 2;
        private const int LockNonBlocking = 4;

        public const int TypeMask = 0xF000;
        public const int TypeRegular = 0x8000;
        public const int TypeDirectory = 0x4000;
        public const int TypeLink = 0xA000;
        public const int PermissionMask = 0xFFF;

        /// <summary>Opens a new file, failing if anything (a link too) is already there; created with <paramref name="mode"/>.</summary>
        public static SafeFileHandle CreateNew(string path, int mode) =>
            Open(path, ReadWrite | CloseOnExec | Create | Exclusive | NoFollow, mode);

        /// <summary>Opens or creates a file that must not be a link.</summary>
        public static SafeFileHandle OpenOrCreateNoFollow(string path, int mode) =>
            Open(path, ReadWrite | CloseOnExec | Create | NoFollow, mode);

        /// <summary>Opens an existing file for reading, following links.</summary>
        public static SafeFileHandle OpenForReading(string path) => Open(path, ReadOnly | CloseOnExec, 0);

        /// <summary>Takes an exclusive flock without waiting; false when another open file holds it.</summary>
        public static bool TryLock(SafeFileHandle handle)
        {
            if (SystemNative_FLock(handle.DangerousGetHandle(), LockExclusive | LockNonBlocking) == 0)
            {
                return true;
            }

            var error = Marshal.GetLastWin32Error();
            if (error == 11 || error == 35)
            {
                // EWOULDBLOCK: EAGAIN is 11 on Linux, 35 on macOS and the BSDs.
                return false;
            }

            throw Failure(error, "flock");
        }

        /// <summary>stat(2) of <paramref name="path"/> (links followed), or null when nothing is there.</summary>
        public static FileFacts? Stat(string path) => Status(path, follow: true);

        /// <summary>lstat(2): the link itself, not its target; null when nothing is there.</summary>
        public static FileFacts? LinkStat(string path) => Status(path, follow: false);

        public static FileFacts Stat(SafeFileHandle handle)
        {
            var buffer = new byte[FileStatusSize];
            if (SystemNative_FStat(handle.DangerousGetHandle(), buffer) != 0)
            {
                throw Failure(Marshal.GetLastWin32Error(), "fstat");
            }

            return FileFacts.From(buffer);
        }

        /// <summary>read(2) into <paramref name="buffer"/> from <paramref name="offset"/>: the bytes read, 0 at the end.</summary>
        public static unsafe int Read(SafeFileHandle handle, byte[] buffer, int offset, int count)
        {
            fixed (byte* start = buffer)
            {
                int read;
                while ((read = SystemNative_Read(handle.DangerousGetHandle(), start + offset, count)) < 0)
                {
                    var error = Marshal.GetLastWin32Error();
                    if (error != 4)
                    {
                        // 4 is EINTR: interrupted by a signal, read again.
                        throw Failure(error, "read");
                    }
                }

                return read;
            }
        }

        public static void MakeFolder(string path, int mode)
        {
            if (SystemNative_MkDir(path, mode) != 0)
            {
                var error = Marshal.GetLastWin32Error();
                if (error != 17)
                {
                    // 17 is EEXIST everywhere: another process made it meanwhile.
                    throw Failure(error, path);
                }
            }
        }

        public static void ChangeMode(string path, int mode)
        {
            if (SystemNative_ChMod(path, mode) != 0)
            {
                throw Failure(Marshal.GetLastWin32Error(), path);
            }
        }

        public static void ChangeMode(SafeFileHandle handle, int mode)
        {
            if (SystemNative_FChMod(handle.DangerousGetHandle(), mode) != 0)
            {
                throw Failure(Marshal.GetLastWin32Error(), "fchmod");
            }
        }

        public static uint EffectiveUserId => SystemNative_GetEUid();

        private static SafeFileHandle Open(string path, int flags, int mode)
        {
            var fd = SystemNative_Open(path, flags, mode);
            if (fd == (IntPtr)(-1))
            {
                throw Failure(Marshal.GetLastWin32Error(), path);
            }

            return new SafeFileHandle(fd, ownsHandle: true);
        }

        private static FileFacts? Status(string path, bool follow)
        {
            var buffer = new byte[FileStatusSize];
            if ((follow ? SystemNative_Stat(path, buffer) : SystemNative_LStat(path, buffer)) != 0)
            {
                var error = Marshal.GetLastWin32Error();
                if (error == 2 || error == 20)
                {
                    // ENOENT, ENOTDIR: nothing there.
                    return null;
                }

                throw Failure(error, path);
            }

            return FileFacts.From(buffer);
        }

        /// <summary>An IOException carrying the OS's own wording and errno (as HResult).</summary>
        private static IOException Failure(int errno, string what) =>
            new IOException($"{new Win32Exception(errno).Message}: '{what}'", errno);

        // The shim's FileStatus has grown over the versions; only its stable start is read, from a
        // buffer larger than any version's whole structure.
        private const int FileStatusSize = 512;

        [DllImport(Native, SetLastError = true, BestFitMapping = false, ThrowOnUnmappableChar = true)]
        private static extern IntPtr SystemNative_Open([MarshalAs(UnmanagedType.LPStr)] string path, int flags, int mode);

        [DllImport(Native, SetLastError = true, BestFitMapping = false, ThrowOnUnmappableChar = true)]
        private static extern int SystemNative_FLock(IntPtr fd, int operation);

        [DllImport(Native, SetLastError = true, BestFitMapping = false, ThrowOnUnmappableChar = true)]
        private static extern int SystemNative_Stat([MarshalAs(UnmanagedType.LPStr)] string path, byte[] output);

        [DllImport(Native, SetLastError = true, BestFitMapping = false, ThrowOnUnmappableChar = true)]
        private static extern int SystemNative_LStat([MarshalAs(UnmanagedType.LPStr)] string path, byte[] output);

        [DllImport(Native, SetLastError = true, BestFitMapping = false, ThrowOnUnmappableChar = true)]
        private static extern int SystemNative_FStat(IntPtr fd, byte[] output);

        [DllImport(Native, SetLastError = true)]
        private static extern unsafe int SystemNative_Read(IntPtr fd, byte* buffer, int size);

        [DllImport(Native, SetLastError = true, BestFitMapping = false, ThrowOnUnmappableChar = true)]
        private static extern int SystemNative_MkDir([MarshalAs(UnmanagedType.LPStr)] string path, int mode);

        [DllImport(Native, SetLastError = true, BestFitMapping = false, ThrowOnUnmappableChar = true)]
        private static extern int SystemNative_ChMod([MarshalAs(UnmanagedType.LPStr)] string path, int mode);

        [DllImport(Native, SetLastError = true, BestFitMapping = false, ThrowOnUnmappableChar = true)]
        private static extern int SystemNative_FChMod(IntPtr fd, int mode);

        [DllImport(Native)]
        private static extern uint SystemNative_GetEUid();
    }
}
