namespace KakaoPS.Models
{
    /// <summary>
    /// A button under a message: a title and the page it opens. Parameters typed KakaoButton take
    /// a hashtable too: @{ Title = '로그 보기'; WebUrl = 'https://ci.example.com/42' }.
    /// </summary>
    public sealed class KakaoButton
    {
        public string? Title { get; set; }

        /// <summary>The page opened on a PC; also used on phones unless MobileWebUrl is set.</summary>
        public string? WebUrl { get; set; }

        public string? MobileWebUrl { get; set; }

        public override string ToString() => $"{Title} -> {WebUrl ?? MobileWebUrl}";
    }
}
