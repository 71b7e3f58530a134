using System;
using System.ComponentModel;
using System.IO;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace KakaoPS.Files
{
    /// <summary>
    /// Owner-only files and folders on Windows, the counterpart of 0600/0700: a protected DACL
    /// (nothing inherited) with one entry that grants the current user full control, given to
    /// CreateFileW / CreateDirectoryW so the object never exists with a wider ACL.
    /// </summary>
    /// <remarks>
    /// Only <see cref="OwnerOnlySddl"/> is tested on Linux. The Windows CI workflow is to cover the
    /// rest: a file and a folder created here show exactly one ACE (the user, FullControl, not
    /// inherited) in Get-Acl, and the token file is read and replaced through them. Not done on
    /// Windows yet: narrowing an existing file with a wider ACL, refusing a lock file that is a
    /// reparse point, and telling a device or pipe path from a regular file.
    /// </remarks>
    internal static class WindowsFiles
    {
        /// <summary>
        /// The security descriptor, in SDDL, that lets only <paramref name="sid"/> in: owner, a
        /// protected DACL ("P": inherited entries are dropped) and one full-access entry, which a
        /// folder hands on to what is created inside it (OICI).
        /// </summary>
        public static string OwnerOnlySddl(string sid, bool folder)
        {
            if (string.IsNullOrEmpty(sid) || !sid.StartsWith("S-1-", StringComparison.Ordinal))
            {
                throw new ArgumentException("Not a SID: " + sid, nameof(sid));
            }

            return $"O:{sid}D:P(A;{(folder ? "OICI" : string.Empty)};FA;;;{sid})";
        }

        public static SafeFileHandle CreateNew(string path) =>
            WithOwnerOnlySecurity(folder: false, attributes =>
            {
                var handle = CreateFileW(path, GenericRead | GenericWrite, 0, ref attributes, CreateNewDisposition, FileAttributeNormal, IntPtr.Zero);
                if (handle.IsInvalid)
                {
                    var failure = Failure(path);
                    handle.Dispose();
                    throw failure;
                }

                return handle;
            });

        public static void CreateFolder(string path) =>
            WithOwnerOnlySecurity(folder: true, attributes =>
            {
                if (!CreateDirectoryW(path, ref attributes))
                {
                    var failure = Failure(path);
                    if (failure.HResult != 183)
                    {
                        // 183: ERROR_ALREADY_EXISTS, another process made it meanwhile.
                        throw failure;
                    }
                }

                return true;
            });

        /// <summary>The last Win32 error as an IOException naming the path, with the error code as HResult.</summary>
        private static IOException Failure(string path)
        {
            var error = Marshal.GetLastWin32Error();
            return new IOException($"{new Win32Exception(error).Message}: '{path}'", error);
        }

        private static T WithOwnerOnlySecurity<T>(bool folder, Func<SecurityAttributes, T> use)
        {
            if (!ConvertStringSecurityDescriptorToSecurityDescriptorW(OwnerOnlySddl(CurrentUserSid(), folder), 1, out var descriptor, IntPtr.Zero))
            {
                throw new Win32Exception(Marshal.GetLastWin32Error());
            }

            try
            {
                var attributes = new SecurityAttributes
                {
                    Length = Marshal.SizeOf<SecurityAttributes>(),
                    SecurityDescriptor = descriptor,
                    InheritHandle = false,
                };
                return use(attributes);
            }
            finally
            {
                LocalFree(descriptor);
            }
        }

        /// <summary>The SID of the user this process runs as, from its token.</summary>
        private static string CurrentUserSid()
        {
            if (!OpenProcessToken(GetCurrentProcess(), TokenQuery, out var token))
            {
                throw new Win32Exception(Marshal.GetLastWin32Error());
            }

            try
            {
                GetTokenInformation(token, TokenUserClass, IntPtr.Zero, 0, out var length);
                var buffer = Marshal.AllocHGlobal(length);
                try
                {
                    if (!GetTokenInformation(token, TokenUserClass, buffer, length, out _))
                    {
                        throw new Win32Exception(Marshal.GetLastWin32Error());
                    }

                    // TOKEN_USER starts with SID_AND_ATTRIBUTES, whose first field is the SID pointer.
                    var sid = Marshal.ReadIntPtr(buffer);
                    if (!ConvertSidToStringSidW(sid, out var text))
                    {
                        throw new Win32Exception(Marshal.GetLastWin32Error());
                    }

                    try
                    {
                        return Marshal.PtrToStringUni(text)!;
                    }
                    finally
                    {
                        LocalFree(text);
                    }
                }
                finally
                {
                    Marshal.FreeHGlobal(buffer);
                }
            }
            finally
            {
                CloseHandle(token);
            }
        }

        private const uint GenericRead = 0x80000000;
        private const uint GenericWrite = 0x40000000;
        private const uint CreateNewDisposition = 1;
        private const uint FileAttributeNormal = 0x80;
        private const uint TokenQuery = 0x0008;
        private const int TokenUserClass = 1;

        [StructLayout(LayoutKind.Sequential)]
        private struct SecurityAttributes
        {
            public int Length;
            public IntPtr SecurityDescriptor;
            public bool InheritHandle;
        }

        [DllImport("kernel32.dll", CharSet = CharSet.Unicode, SetLastError = true)]
        private static extern SafeFileHandle CreateFileW(string name, uint access, uint share, ref SecurityAttributes security,
            uint disposition, uint flags, IntPtr template);

        [DllImport("kernel32.dll", CharSet = CharSet.Unicode, SetLastError = true)]
        private static extern bool CreateDirectoryW(string name, ref SecurityAttributes security);

        [DllImport("advapi32.dll", CharSet = CharSet.Unicode, SetLastError = true)]
        private static extern bool ConvertStringSecurityDescriptorToSecurityDescriptorW(string sddl, int revision, out IntPtr descriptor, IntPtr size);

        [DllImport("advapi32.dll", CharSet = CharSet.Unicode, SetLastError = true)]
        private static extern bool ConvertSidToStringSidW(IntPtr sid, out IntPtr text);

        [DllImport("advapi32.dll", SetLastError = true)]
        private static extern bool OpenProcessToken(IntPtr process, uint access, out IntPtr token);

        [DllImport("advapi32.dll", SetLastError = true)]
        private static extern bool GetTokenInformation(IntPtr token, int informationClass, IntPtr information, int length, out int returned);

        [DllImport("kernel32.dll")]
        private static extern IntPtr GetCurrentProcess();

        [DllImport("kernel32.dll")]
        private static extern bool CloseHandle(IntPtr handle);

        [DllImport("kernel32.dll")]
        private static extern IntPtr LocalFree(IntPtr memory);
    }
}
