using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Security;
using KakaoPS.Models;
using KakaoPS.Tokens;

namespace KakaoPS.PowerShellAdapter
{
    /// <summary>
    /// The -OnRefreshTokenRotated script blocks given to Connect-Kakao, one per login of this process
    /// (the memory-only login, or a token file by its path), for whichever later KakaoPS command sees
    /// Kakao replace that login's refresh token. Forgotten with the login, and on Remove-Module.
    /// </summary>
    internal static class RefreshTokenRotatedHandlers
    {
        private static readonly object Gate = new object();
        private static readonly Dictionary<string, Registration> Registered = new Dictionary<string, Registration>(StringComparer.Ordinal);

        /// <summary>How many logins have a script block.</summary>
        public static int Count
        {
            get
            {
                lock (Gate)
                {
                    return Registered.Count;
                }
            }
        }

        /// <summary>Gives <paramref name="login"/> its script block (or none) for the tokens Connect-Kakao just got.</summary>
        public static void Set(string login, ScriptBlock? handler, TokenSet tokens)
        {
            lock (Gate)
            {
                if (handler == null)
                {
                    Registered.Remove(login);
                }
                else
                {
                    Registered[login] = new Registration(handler, Runspace.DefaultRunspace, tokens.ClientId, tokens.UserId);
                }
            }
        }

        public static void Forget(string login)
        {
            lock (Gate)
            {
                Registered.Remove(login);
            }
        }

        public static void ForgetAll()
        {
            lock (Gate)
            {
                Registered.Clear();
            }
        }

        /// <summary>True when <paramref name="login"/> has a script block (whoever the login's user is).</summary>
        public static bool Has(string login)
        {
            lock (Gate)
            {
                return Registered.ContainsKey(login);
            }
        }

        /// <summary>
        /// Where a rotation of <paramref name="login"/> goes, when the block was given for the same app and user: run
        /// here (<paramref name="handler"/>), or queued for the runspace that gave it, which runs it with its own
        /// variables and functions at its next KakaoPS command (<see cref="TakePending"/>); never a copy run here.
        /// </summary>
        public static HandOffRoute Route(string login, TokenSet rotated, Func<string, string> handlerFailed, out ScriptBlock? handler)
        {
            handler = null;
            lock (Gate)
            {
                if (!Registered.TryGetValue(login, out var registration)
                    || !string.Equals(registration.ClientId, rotated.ClientId, StringComparison.Ordinal) || registration.UserId != rotated.UserId)
                {
                    return HandOffRoute.None;
                }

                var here = Runspace.DefaultRunspace;
                if (registration.Home == null || ReferenceEquals(registration.Home, here))
                {
                    handler = registration.Handler;
                    return HandOffRoute.Here;
                }

                var state = registration.Home.RunspaceStateInfo.State;
                if (state != RunspaceState.Opened)
                {
                    return HandOffRoute.Unreachable;
                }

                registration.Pending.Add(new PendingHandOff(registration.Handler, rotated, handlerFailed));
                return HandOffRoute.Queued;
            }
        }

        /// <summary>The hand-offs queued for blocks this runspace gave (oldest first), taken off the queue.</summary>
        public static IReadOnlyList<PendingHandOff> TakePending()
        {
            var here = Runspace.DefaultRunspace;
            var taken = new List<PendingHandOff>();
            lock (Gate)
            {
                foreach (var registration in Registered.Values)
                {
                    if (here != null && ReferenceEquals(registration.Home, here) && registration.Pending.Count > 0)
                    {
                        taken.AddRange(registration.Pending);
                        registration.Pending.Clear();
                    }
                }
            }

            return taken;
        }

        private sealed class Registration
        {
            public Registration(ScriptBlock handler, Runspace? home, string? clientId, long? userId)
            {
                Handler = handler;
                Home = home;
                ClientId = clientId;
                UserId = userId;
            }

            public ScriptBlock Handler { get; }

            /// <summary>The runspace the block was given in: a script block belongs to it, its variables and functions with it.</summary>
            public Runspace? Home { get; }

            public string? ClientId { get; }

            public long? UserId { get; }

            /// <summary>Rotations other runspaces saw, for <see cref="Home"/>'s next KakaoPS command.</summary>
            public List<PendingHandOff> Pending { get; } = new List<PendingHandOff>();
        }
    }
}
