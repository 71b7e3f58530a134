using System;
using System.IO;

namespace KakaoPS.Files
{
    /// <summary>
    /// A complete temp file could not be renamed over its target (the target immutable, the rename
    /// refused): the temp file is kept at <see cref="KeptPath"/>, owner-only, for the next write
    /// under the lock to adopt; it may hold the only copy of what was written.
    /// </summary>
    internal sealed class TempKeptException : IOException
    {
        public TempKeptException(string keptPath, Exception renameFailure)
            : base(renameFailure.Message, renameFailure)
        {
            KeptPath = keptPath;
        }

        public string KeptPath { get; }
    }
}
