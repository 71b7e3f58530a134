using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using KakaoPS.Files;
using KakaoPS.Resources;

namespace KakaoPS.Tokens
{
    /// <summary>A token file, and the folder KakaoPS owns, narrowed to their owner when others can read them.</summary>
    internal static class TokenFilePrivacy
    {
        /// <summary>
        /// A token file others can read becomes 0600, and the per-user KakaoPS folder 0700: what was
        /// narrowed (or could not be), as one message for the user, or null when both were private.
        /// </summary>
        public static string? Keep(string path, string target, FileFacts? facts)
        {
            var told = new List<string>();
            if (facts is FileFacts file && file.OpenToOthers)
            {
                try
                {
                    if (OwnerOnlyFiles.Restrict(target, folder: false))
                    {
                        told.Add(string.Format(CultureInfo.CurrentCulture, TokenFileMessages.TokenFileNarrowed, path, Octal(file.Permissions)));
                    }
                }
                catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
                {
                    // An immutable file, a read-only file system: reading goes on, and the user is told what to run.
                    told.Add(string.Format(CultureInfo.CurrentCulture, TokenFileMessages.TokenFileNotNarrowed, path, Octal(file.Permissions), e.Message));
                }
            }

            // Only the folder KakaoPS owns: a project folder given with -TokenPath keeps its own permissions.
            var folder = System.IO.Path.GetDirectoryName(target)!;
            if (string.Equals(System.IO.Path.GetFileName(folder), DefaultTokenPath.FolderName, StringComparison.Ordinal) && !OwnerOnlyFiles.IsWindows
                && UnixFiles.Stat(folder) is FileFacts folderFacts && folderFacts.OpenToOthers
                && OwnerOnlyFiles.ForeignOwner(folderFacts) == null && OwnerOnlyFiles.Restrict(folder, folder: true))
            {
                told.Add(string.Format(CultureInfo.CurrentCulture, TokenFileMessages.TokenFolderNarrowed, folder, Octal(folderFacts.Permissions)));
            }

            // One warning for the file and its folder; once private, they are not reported again.
            return told.Count > 0 ? string.Join(" ", told) : null;
        }

        private static string Octal(int permissions) => Convert.ToString(permissions, 8).PadLeft(4, '0');
    }
}
