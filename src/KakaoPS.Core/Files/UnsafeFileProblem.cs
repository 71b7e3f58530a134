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
}
