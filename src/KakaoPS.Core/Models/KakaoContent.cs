namespace KakaoPS.Models
{
    /// <summary>
    /// One entry of a list template (or the content of a feed): a title, a description, an image
    /// and the page it opens. Parameters typed KakaoContent take a hashtable too:
    /// @{ Title = 'Build 42'; Description = 'passed'; WebUrl = 'https://ci.example.com/42' }.
    /// </summary>
    public sealed class KakaoContent
    {
        public string? Title { get; set; }
        public string? Description { get; set; }
        public string? ImageUrl { get; set; }
        public int? ImageWidth { get; set; }
        public int? ImageHeight { get; set; }
        public string? WebUrl { get; set; }
        public string? MobileWebUrl { get; set; }

        public override string ToString() => Title ?? Description ?? WebUrl ?? string.Empty;
    }
}
