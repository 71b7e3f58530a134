using System;
using System.Management.Automation;
using KakaoPS.Tokens;

namespace KakaoPS.PowerShellAdapter
{
    /// <summary>A new refresh token waiting for the -OnRefreshTokenRotated block of the runspace that gave it, seen by a command of another runspace.</summary>
    internal sealed class PendingHandOff
    {
        public PendingHandOff(ScriptBlock handler, TokenSet rotated, Func<string, string> handlerFailed)
        {
            Handler = handler;
            Rotated = rotated;
            HandlerFailed = handlerFailed;
        }

        public ScriptBlock Handler { get; }

        public TokenSet Rotated { get; }

        /// <summary>The message when the block fails, in the words of the login's store.</summary>
        public Func<string, string> HandlerFailed { get; }
    }
}
