namespace KakaoPS.Models
{
    /// <summary>How a Test-KakaoConnection check came out.</summary>
    public enum KakaoCheckStatus
    {
        Passed,

        /// <summary>Sending works now, but something needs attention soon.</summary>
        Warning,

        Failed,

        /// <summary>Not checked, because an earlier check failed.</summary>
        Skipped,
    }
}
