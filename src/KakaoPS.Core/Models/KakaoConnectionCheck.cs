namespace KakaoPS.Models
{
    /// <summary>One thing a send needs, as Test-KakaoConnection found it.</summary>
    public sealed class KakaoConnectionCheck
    {
        /// <summary>Login, Endpoint, AccessToken, RefreshToken or TalkMessageConsent.</summary>
        public string Check { get; set; } = string.Empty;

        public KakaoCheckStatus Status { get; set; }
        public string Message { get; set; } = string.Empty;

        /// <summary>What to do when the check did not pass.</summary>
        public string? Remedy { get; set; }

        public bool Ok => Status == KakaoCheckStatus.Passed || Status == KakaoCheckStatus.Warning;

        public override string ToString() => $"{Check}: {Status}";
    }
}
