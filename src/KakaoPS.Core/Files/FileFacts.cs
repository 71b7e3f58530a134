using System;
using System.ComponentModel;
using System.IO;
using System.Runtime.InteropServices;
using KakaoPS.Resources;
using Microsoft.Win32.SafeHandles;

namespace KakaoPS.Files
{
    /// <summary>
    /// What stat(2) says of a file: its type, permission bits, owner and size. A class: CoreLib's generics
    /// over a struct of this assembly (Nullable, ValueTuple) cannot be precompiled, and every send reads these.
    /// </summary>
    internal sealed class FileFacts
    {
        private FileFacts(int mode, uint owner, long size)
        {
            Mode = mode;
            Owner = owner;
            Size = size;
        }

        public int Mode { get; }

        public uint Owner { get; }

        public long Size { get; }

        public int Type => Mode & UnixFiles.TypeMask;

        public int Permissions => Mode & UnixFiles.PermissionMask;

        public bool IsRegular => Type == UnixFiles.TypeRegular;

        public bool IsLink => Type == UnixFiles.TypeLink;

        /// <summary>Group or others may do anything with it.</summary>
        public bool OpenToOthers => (Permissions & 0x3F) != 0;

        /// <summary>Flags, Mode, Uid, Gid (32 bits each), then Size (64 bits): the start every version shares.</summary>
        public static FileFacts From(byte[] status) =>
            new FileFacts(BitConverter.ToInt32(status, 4), BitConverter.ToUInt32(status, 8), BitConverter.ToInt64(status, 16));

        /// <summary>How a person would call this kind of file.</summary>
        public string Kind => Type switch
        {
            0x1000 => FileMessages.KindFifo,
            0x2000 => FileMessages.KindCharacterDevice,
            0x6000 => FileMessages.KindBlockDevice,
            0xC000 => FileMessages.KindSocket,
            UnixFiles.TypeDirectory => FileMessages.KindFolder,
            UnixFiles.TypeLink => FileMessages.KindLink,
            _ => FileMessages.KindRegularFile,
        };
    }
}
