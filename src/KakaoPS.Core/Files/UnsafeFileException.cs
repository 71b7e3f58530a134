using System.Globalization;
using System.IO;
using KakaoPS.Resources;

namespace KakaoPS.Files
{
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
