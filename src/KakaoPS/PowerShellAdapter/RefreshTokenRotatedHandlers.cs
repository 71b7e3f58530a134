using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
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
                    Registered[login] = new Registration(handler, Runspace.DefaultRunspace?.InstanceId, tokens.ClientId, tokens.UserId);
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

        /// <summary>The script block for a rotation of <paramref name="login"/>, when it was given for the same app and user.</summary>
        public static ScriptBlock? For(string login, TokenSet rotated)
        {
            lock (Gate)
            {
                return Registered.TryGetValue(login, out var registration)
                    && string.Equals(registration.ClientId, rotated.ClientId, StringComparison.Ordinal) && registration.UserId == rotated.UserId
                    ? registration.HandlerFor(Runspace.DefaultRunspace?.InstanceId)
                    : null;
            }
        }

        /// <summary>
        /// Runs <paramref name="handler"/> with the new refresh token as its only argument, on the
        /// calling thread, which must be the pipeline thread of a running command. Its output is
        /// dropped; its warnings go to <paramref name="warning"/>, its verbose and information messages to <paramref name="cmdlet"/>'s
        /// streams. Returns why it failed (a terminating error, or an error it wrote), or null.
        /// </summary>
        public static string? Invoke(PSCmdlet cmdlet, Action<string> warning, ScriptBlock handler, SecureString refreshToken)
        {
            using var shell = PowerShell.Create(RunspaceMode.CurrentRunspace);
            shell.AddScript("& $args[0] $args[1] | Out-Null", useLocalScope: true).AddArgument(handler).AddArgument(refreshToken);
            string? failure = null;
            try
            {
                shell.Invoke();
            }
            catch (RuntimeException e)
            {
                failure = e.ErrorRecord?.ToString() ?? e.Message;
            }

            foreach (var message in shell.Streams.Warning)
            {
                warning(message.Message);
            }

            foreach (var verbose in shell.Streams.Verbose)
            {
                cmdlet.WriteVerbose(verbose.Message);
            }

            foreach (var information in shell.Streams.Information)
            {
                cmdlet.WriteInformation(information);
            }

            return failure ?? shell.Streams.Error.Select(e => e.ToString()).FirstOrDefault();
        }

        private sealed class Registration
        {
            private readonly ScriptBlock _handler;
            private readonly Guid? _runspace;

            public Registration(ScriptBlock handler, Guid? runspace, string? clientId, long? userId)
            {
                _handler = handler;
                _runspace = runspace;
                ClientId = clientId;
                UserId = userId;
            }

            public string? ClientId { get; }

            public long? UserId { get; }

            /// <summary>
            /// The script block itself in the runspace that gave it; in another (a thread job, ForEach-Object
            /// -Parallel) a copy that runs there, since a script block belongs to the runspace it was made in.
            /// </summary>
            public ScriptBlock HandlerFor(Guid? runspace) =>
                runspace == _runspace || !(_handler.Ast is ScriptBlockAst ast) ? _handler : ast.GetScriptBlock();
        }
    }
}
