using System.Globalization;
using System.IO;
using KakaoPS.Resources;

namespace KakaoPS.Files
{
    /// <summary>Why a file that would hold secrets was not opened.</summary>
    internal enum UnsafeFileProblem
    {
        /// <summary>A FIFO, a device, a socket or a folder where a regular file belongs.</summary>
        NotRegular,

        /// <summary>Larger than the cap for its kind.</summary>
        TooLarge,

        /// <summary>A link whose target does not exist.</summary>
        LinkBroken,

        /// <summary>A link where none may be (the lock file).</summary>
        Link,

        /// <summary>Owned by another user.</summary>
        NotOwned,
    }

    /// <summary>A file that would hold or guard secrets and is not what it must be; <see cref="Detail"/> says what it is.</summary>
    internal sealed class UnsafeFileException : IOException
    {
        public UnsafeFileException(string path, UnsafeFileProblem problem, string detail)
            : base($"{problem}: '{path}' ({detail})")
        {
            FilePath = path;
            Problem = problem;
            Detail = detail;
        }

        public string FilePath { get; }

        public UnsafeFileProblem Problem { get; }

        /// <summary>The kind of file found, the size, the link's target or the owner's uid.</summary>
        public string Detail { get; }

        /// <summary>What is wrong with the file, as a clause for a message that names it.</summary>
        public string Reason => string.Format(CultureInfo.CurrentCulture, Problem switch
        {
            UnsafeFileProblem.NotRegular => FileMessages.ProblemNotRegular,
            UnsafeFileProblem.TooLarge => FileMessages.ProblemTooLarge,
            UnsafeFileProblem.LinkBroken => FileMessages.ProblemLinkBroken,
            UnsafeFileProblem.Link => FileMessages.ProblemLink,
            _ => FileMessages.ProblemNotOwned,
        }, Detail);
    }
}
