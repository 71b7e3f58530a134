namespace KakaoPS.Models
{
    /// <summary>What to do with text longer than Kakao's 200-character text template.</summary>
    public enum MemoOverflow
    {
        /// <summary>Keep the last lines and say how many were left out (the default for piped input).</summary>
        Tail,

        /// <summary>Keep the first lines and say how many were left out.</summary>
        Head,

        /// <summary>Send several numbered messages.</summary>
        Split,

        /// <summary>Refuse to send.</summary>
        Error,
    }
}
