namespace KakaoPS.Throttling
{
    /// <summary>How an update of a shard file went.</summary>
    internal enum ThrottleShardOutcome
    {
        /// <summary>Read, changed and written back.</summary>
        Written,

        /// <summary>The file was KakaoPS's but damaged (cut short by a crash, say): changed from an empty state and written anew.</summary>
        Damaged,

        /// <summary>The file is not a throttle file: left exactly as it is, nothing changed.</summary>
        NotOurs,
    }
}
