namespace KakaoPS.Files
{
    /// <summary>What a read-modify-write of a <see cref="LockedFile"/> does with the file, and what it answers.</summary>
    internal readonly struct FileChange<T>
    {
        private FileChange(FileChangeKind kind, byte[]? content, T result)
        {
            Kind = kind;
            Content = content;
            Result = result;
        }

        public FileChangeKind Kind { get; }

        /// <summary>The new content, for <see cref="FileChangeKind.Replace"/>.</summary>
        public byte[]? Content { get; }

        public T Result { get; }

        /// <summary>The file stays as it is.</summary>
        public static FileChange<T> Keep(T result) => new FileChange<T>(FileChangeKind.Keep, null, result);

        /// <summary>The file is replaced, in one step, by <paramref name="content"/>.</summary>
        public static FileChange<T> Replace(byte[] content, T result) => new FileChange<T>(FileChangeKind.Replace, content, result);

        /// <summary>The file goes (nothing is left to keep).</summary>
        public static FileChange<T> Remove(T result) => new FileChange<T>(FileChangeKind.Remove, null, result);
    }
}
