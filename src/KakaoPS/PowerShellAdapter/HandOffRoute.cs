namespace KakaoPS.PowerShellAdapter
{
    /// <summary>Where a rotation's new refresh token goes: the -OnRefreshTokenRotated block it reaches, and when.</summary>
    internal enum HandOffRoute
    {
        /// <summary>No script block was given for the login (or for another user's login).</summary>
        None,

        /// <summary>The block was given in this runspace: it runs now.</summary>
        Here,

        /// <summary>The block was given in another runspace of the process: it runs there, at that runspace's next KakaoPS command.</summary>
        Queued,

        /// <summary>The runspace the block was given in is closed: nothing can run it.</summary>
        Unreachable,
    }
}
