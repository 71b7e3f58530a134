namespace KakaoPS.Files
{
    /// <summary>Keep, replace or remove: what a read-modify-write does with its file.</summary>
    internal enum FileChangeKind
    {
        Keep,
        Replace,
        Remove,
    }
}
