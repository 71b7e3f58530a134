namespace KakaoPS.Models
{
    /// <summary>Where a login's tokens live.</summary>
    public enum TokenScope
    {
        /// <summary>In the token file, shared by every PowerShell process of the user.</summary>
        CurrentUser,

        /// <summary>In this process's memory only; no file is written.</summary>
        Process,
    }
}
