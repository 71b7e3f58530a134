using System;
using System.Globalization;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Threading;
using KakaoPS.Resources;

namespace KakaoPS.Files
{
    /// <summary>
    /// The one place that creates, replaces, reads and narrows files that hold secrets (the token
    /// file, the pending logins) and the folders they live in. Files are created owner-only in the
    /// open call itself (mode 0600 on Unix, an owner-only ACL on Windows), folders 0700, and a
    /// file is replaced atomically: a temp file in the same folder, flushed, then renamed over it.
    /// </summary>
    internal static class OwnerOnlyFiles
    {
        public const int FileMode = 0x180;   // 0600
        public const int FolderMode = 0x1C0; // 0700

        public static bool IsWindows { get; } = RuntimeInformation.IsOSPlatform(OSPlatform.Windows);

        /// <summary>Creates <paramref name="folder"/> and each missing folder above it, owner-only.</summary>
        public static void CreateFolder(string folder)
        {
            if (Directory.Exists(folder))
            {
                return;
            }

            var parent = Path.GetDirectoryName(folder);
            if (!string.IsNullOrEmpty(parent))
            {
                CreateFolder(parent!);
            }

            if (IsWindows)
            {
                WindowsFiles.CreateFolder(folder);
            }
            else
            {
                UnixFiles.MakeFolder(folder, FolderMode);
            }
        }

        /// <summary>
        /// A new file, owner-only from its creation. Fails if anything is at <paramref name="path"/>
        /// already, a link included, so it never writes through someone else's link.
        /// </summary>
        public static FileStream CreateNew(string path) =>
            new FileStream(IsWindows ? WindowsFiles.CreateNew(path) : UnixFiles.CreateNew(path, FileMode), FileAccess.ReadWrite, 1);

        /// <summary>
        /// Replaces <paramref name="path"/> with <paramref name="content"/> in one step: readers
        /// see the old file or the new one. <paramref name="temp"/> names the temp file, in the same folder.
        /// A temp file that is complete is never deleted: a failed rename leaves it in place (<see cref="TempKeptException"/>).
        /// </summary>
        public static void WriteReplacing(string path, byte[] content, string temp)
        {
            CreateFolder(Path.GetDirectoryName(path)!);
            try
            {
                using var stream = CreateNew(temp);
                stream.Write(content, 0, content.Length);
                stream.Flush(flushToDisk: true);
            }
            catch
            {
                TryDelete(temp);
                throw;
            }

            try
            {
                Replace(temp, path);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                // Complete: it may hold the only copy of what was written (a rotated refresh token).
                throw new TempKeptException(temp, e);
            }
        }

        /// <summary>
        /// Renames <paramref name="source"/> over <paramref name="path"/>. On Windows a scanner or
        /// indexer may hold the file for a moment, so a failed rename is tried a few more times.
        /// </summary>
        public static void Replace(string source, string path)
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    if (File.Exists(path))
                    {
                        File.Replace(source, path, destinationBackupFileName: null);
                    }
                    else
                    {
                        File.Move(source, path);
                    }

                    return;
                }
                catch (IOException) when (attempt < 5 && IsWindows)
                {
                    Thread.Sleep(20 * attempt);
                }
            }
        }

        /// <summary>
        /// The bytes of <paramref name="path"/>, or null when nothing is there. Opened only if it is
        /// a regular file of at most <paramref name="maximumSize"/> bytes (links followed), so a
        /// FIFO never blocks and a device is never read; <paramref name="facts"/> is what stat says
        /// of the file read (null on Windows).
        /// </summary>
        public static byte[]? ReadSmall(string path, int maximumSize, out FileFacts? facts)
        {
            facts = null;
            if (IsWindows)
            {
                // The Windows CI workflow covers devices (\\.\ paths, NUL) and pipes here.
                if (!File.Exists(path))
                {
                    return Directory.Exists(path) ? throw new UnsafeFileException(path, UnsafeFileProblem.NotRegular, FileMessages.KindFolder) : null;
                }

                using var windowsStream = new FileStream(path, System.IO.FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                // A device or pipe has no length: its buffer starts small and grows.
                return ReadAtMost(windowsStream.Read, path, windowsStream.CanSeek ? windowsStream.Length : 0, maximumSize);
            }

            var found = UnixFiles.Stat(path);
            if (found == null)
            {
                if (UnixFiles.LinkStat(path) is FileFacts link && link.IsLink)
                {
                    throw new UnsafeFileException(path, UnsafeFileProblem.LinkBroken, LinkTarget(path) ?? "?");
                }

                return null;
            }

            CheckRegularAndSmall(path, found, maximumSize);
            using var handle = UnixFiles.OpenForReading(path);
            // Checked again on what was opened: the path may have been swapped meanwhile.
            var opened = UnixFiles.Stat(handle);
            CheckRegularAndSmall(path, opened, maximumSize);
            facts = opened;
            return ReadAtMost((buffer, offset, count) => UnixFiles.Read(handle, buffer, offset, count), path, opened.Size, maximumSize);
        }

        /// <summary>
        /// Narrows an existing file (0600) or folder (0700) to its owner on Unix; true when it was open to others.
        /// </summary>
        public static bool Restrict(string path, bool folder)
        {
            // Windows: files KakaoPS creates get the owner-only ACL at creation; an existing file's ACL is left as it is.
            if (IsWindows || UnixFiles.Stat(path) is not FileFacts facts || !facts.OpenToOthers)
            {
                return false;
            }

            UnixFiles.ChangeMode(path, folder ? FolderMode : FileMode);
            return true;
        }

        /// <summary>
        /// The file a path names once its links are followed (a dotfile manager's link is written
        /// through to its target); the path itself when it is no link.
        /// </summary>
        public static string FollowLinks(string path)
        {
            var current = path;
            for (var hops = 0; hops < 40; hops++)
            {
                var target = LinkTarget(current);
                if (target == null)
                {
                    return current;
                }

                current = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(current)!, target));
            }

            throw new UnsafeFileException(path, UnsafeFileProblem.LinkBroken, FileMessages.TooManyLinks);
        }

        /// <summary>The owner of a file, when it is not the user this process runs as (Unix).</summary>
        public static uint? ForeignOwner(FileFacts? facts) =>
            facts is FileFacts known && !IsWindows && known.Owner != UnixFiles.EffectiveUserId ? known.Owner : (uint?)null;

        public static void TryDelete(string path)
        {
            try
            {
                File.Delete(path);
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }

        /// <summary>The label to put in a temp file's name so leftovers can be told apart.</summary>
        public static string TempLabel() => $"{Process.GetCurrentProcess().Id}.{Guid.NewGuid():N}";

        /// <summary>A new temp file's path for replacing <paramref name="target"/>: hidden, in its folder, labelled by <see cref="TempLabel"/>.</summary>
        public static string TempPath(string target) =>
            Path.Combine(Path.GetDirectoryName(target)!, $".{Path.GetFileName(target)}.{TempLabel()}.tmp");

        /// <summary>
        /// Deletes the temp files of <paramref name="target"/> left by stopped writers. Called under its lock, after a
        /// write: no other write is under way, so every temp file there was abandoned.
        /// </summary>
        public static void DeleteLeftoverTemps(string target)
        {
            foreach (var leftover in LeftoverTemps(target))
            {
                TryDelete(leftover);
            }
        }

        /// <summary>
        /// The temp files of <paramref name="target"/> that are there now (a killed writer's leftovers, or another
        /// process's write under way): named by <see cref="TempPath"/>, so the temps of kakao_token.json.pending
        /// are not taken for those of kakao_token.json.
        /// </summary>
        public static string[] LeftoverTemps(string target)
        {
            var folder = Path.GetDirectoryName(target)!;
            if (!Directory.Exists(folder))
            {
                return Array.Empty<string>();
            }

            var prefix = "." + Path.GetFileName(target) + ".";
            return Directory.GetFiles(folder, prefix + "*.tmp")
                .Select(Path.GetFileName)
                .Where(name => name.Length > prefix.Length + 4 && name.StartsWith(prefix, StringComparison.Ordinal)
                    && IsTempLabel(name.Substring(prefix.Length, name.Length - prefix.Length - 4)))
                .Select(name => Path.Combine(folder, name))
                .ToArray();
        }

        /// <summary>A label <see cref="TempLabel"/> makes: a process id, a dot and 32 hex digits.</summary>
        private static bool IsTempLabel(string label)
        {
            var dot = label.IndexOf('.');
            return dot > 0 && label.Length - dot - 1 == 32
                && label.Take(dot).All(c => c >= '0' && c <= '9')
                && label.Skip(dot + 1).All(c => c >= '0' && c <= '9' || c >= 'a' && c <= 'f');
        }

        private static void CheckRegularAndSmall(string path, FileFacts facts, int maximumSize)
        {
            if (!facts.IsRegular)
            {
                throw new UnsafeFileException(path, UnsafeFileProblem.NotRegular, facts.Kind);
            }

            if (facts.Size > maximumSize)
            {
                throw new UnsafeFileException(path, UnsafeFileProblem.TooLarge, facts.Size.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        /// <summary>
        /// Reads to the end, at most <paramref name="maximumSize"/> bytes. The buffer starts at the size the
        /// file had when opened, plus one byte to notice growth, and grows only for a file that grew meanwhile.
        /// </summary>
        private static byte[] ReadAtMost(Func<byte[], int, int, int> read, string path, long sizeWhenOpened, int maximumSize)
        {
            var buffer = new byte[(int)Math.Min(Math.Max(sizeWhenOpened, 0), maximumSize) + 1];
            var length = 0;
            int count;
            while ((count = read(buffer, length, buffer.Length - length)) > 0)
            {
                length += count;
                if (length == buffer.Length)
                {
                    if (length > maximumSize)
                    {
                        break;
                    }

                    Array.Resize(ref buffer, (int)Math.Min((long)buffer.Length * 2, maximumSize + 1L));
                }
            }

            if (length > maximumSize)
            {
                throw new UnsafeFileException(path, UnsafeFileProblem.TooLarge, string.Format(CultureInfo.CurrentCulture, FileMessages.MoreThanBytes, maximumSize));
            }

            Array.Resize(ref buffer, length);
            return buffer;
        }

        private static readonly PropertyInfo? LinkTargetProperty = typeof(FileSystemInfo).GetProperty("LinkTarget");

        /// <summary>What a link points to, as written in it; null when <paramref name="path"/> is no link.</summary>
        private static string? LinkTarget(string path)
        {
            // FileSystemInfo.LinkTarget exists from .NET 6 on; Windows PowerShell 5.1 has no links to follow here.
            if (LinkTargetProperty == null || (!IsWindows && !(UnixFiles.LinkStat(path) is FileFacts facts && facts.IsLink)))
            {
                return null;
            }

            return LinkTargetProperty.GetValue(new FileInfo(path)) as string;
        }
    }
}
