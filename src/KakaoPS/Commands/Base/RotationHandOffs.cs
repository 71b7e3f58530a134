using System;
using System.Collections.Generic;
using System.Management.Automation;
using KakaoPS.Errors;
using KakaoPS.Logging;
using KakaoPS.PowerShellAdapter;
using KakaoPS.Resources;
using KakaoPS.Tokens;

namespace KakaoPS.Commands.Base
{
    /// <summary>
    /// A command's hand-offs of new refresh tokens to the user's -OnRefreshTokenRotated script blocks, on the
    /// pipeline thread: run here, queued for the runspace that gave the block, or reported as unreachable.
    /// What failed is kept for the command to write after its own work (<see cref="TakeFailures"/>).
    /// </summary>
    internal sealed class RotationHandOffs
    {
        private readonly PSCmdlet _cmdlet;
        private readonly Action<string> _warning;
        private readonly KakaoLog _log;
        private readonly List<KakaoException> _failures = new List<KakaoException>();

        public RotationHandOffs(PSCmdlet cmdlet, Action<string> warning, KakaoLog log)
        {
            _cmdlet = cmdlet;
            _warning = warning;
            _log = log;
        }

        /// <summary>Hands <paramref name="rotated"/> on as <paramref name="route"/> says (see <see cref="RefreshTokenRotatedHandlers.Route"/>).</summary>
        public void HandOn(HandOffRoute route, ScriptBlock? handler, TokenSet rotated, ILoginStore store)
        {
            switch (route)
            {
                case HandOffRoute.Here:
                    Run(handler!, rotated, store.HandlerFailed);
                    break;
                case HandOffRoute.Queued:
                    _log.Information("RefreshTokenHandOffQueued", RefreshTokenMessages.HandOffQueued);
                    break;
                case HandOffRoute.Unreachable:
                    _failures.Add(new KakaoException("RefreshTokenRotatedHandlerUnreachable", KakaoErrorKind.WriteError,
                        store.HandlerFailed(RefreshTokenMessages.HandlerRunspaceClosed), RefreshTokenMessages.HandlerFailedAction));
                    break;
            }
        }

        /// <summary>Runs what commands of other runspaces queued for blocks given in this one, where their variables and functions are.</summary>
        public void RunPending()
        {
            foreach (var pending in RefreshTokenRotatedHandlers.TakePending())
            {
                Run(pending.Handler, pending.Rotated, pending.HandlerFailed);
            }
        }

        /// <summary>The blocks that failed or could not run since the last call.</summary>
        public IReadOnlyList<KakaoException> TakeFailures()
        {
            var taken = _failures.ToArray();
            _failures.Clear();
            return taken;
        }

        private void Run(ScriptBlock handler, TokenSet rotated, Func<string, string> handlerFailed)
        {
            if (SecureText.From(rotated.RefreshToken) is not System.Security.SecureString refreshToken)
            {
                return;
            }

            // The user's own error text could quote the token it was given: it comes back redacted.
            var failure = RotationHandlerCall.Invoke(_cmdlet, _warning, handler, refreshToken, rotated.RefreshToken!);
            if (failure != null)
            {
                _failures.Add(new KakaoException("RefreshTokenRotatedHandlerFailed", KakaoErrorKind.WriteError,
                    handlerFailed(failure), RefreshTokenMessages.HandlerFailedAction));
            }
        }
    }
}
