using System;
using System.Collections.Generic;
using System.Globalization;
using System.Management.Automation;
using KakaoPS.Api;
using KakaoPS.Errors;
using KakaoPS.Files;
using KakaoPS.Http;
using KakaoPS.Login;
using KakaoPS.Models;
using KakaoPS.PowerShellAdapter;
using KakaoPS.Resources;
using KakaoPS.Session;
using KakaoPS.Tokens;

namespace KakaoPS.Commands.Base
{
    /// <summary>
    /// A cmdlet that uses the login: -TokenPath names the token file (and the pending logins beside
    /// it); without it the configured token file or the memory-only login is used. The set-up every
    /// such cmdlet shares is here, each step a terminating error when it fails.
    /// </summary>
    public abstract class KakaoTokenCmdlet : KakaoCmdlet
    {
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? TokenPath { get; set; }

        private readonly List<KakaoAuthenticator> _authenticators = new List<KakaoAuthenticator>();
        private RotationHandOffs? _handOffs;

        /// <summary>The login's lifecycle over its store; <paramref name="scope"/> picks the store for a new login.</summary>
        private protected KakaoAuthenticator Login(TokenScope? scope = null) => Guard(() => CreateAuthenticator(TokenPath, scope));

        /// <summary>Kakao's API as the logged-in user; not being connected stops the command before anything is sent.</summary>
        private protected KakaoApi ConnectedApi()
        {
            var auth = Login();
            RequireTokens(auth);
            return new KakaoApi(auth, Log);
        }

        /// <summary>The login flows, once the endpoints are known to be safe to send a login to.</summary>
        private protected KakaoLogin LoginFlows(KakaoAuthenticator auth)
        {
            Guard(auth.Endpoints.RequireSafeTransport);
            return new KakaoLogin(auth, OpenTokenStore(TokenPath), Log);
        }

        /// <summary>
        /// The saved login, or the NotConnected error. A -TokenPath with no file is most often a typo:
        /// it is told so, since Connect-Kakao there would make a second login at the typo.
        /// </summary>
        private protected TokenSet RequireTokens(KakaoAuthenticator auth) => Guard(() =>
        {
            try
            {
                return auth.RequireTokens();
            }
            catch (KakaoException e) when (e.ErrorId == "NotConnected" && TokenPath != null && auth.Store.FilePath is string path)
            {
                throw e.Retold(string.Format(CultureInfo.CurrentCulture, TokenMessages.TokenPathNotFound, path), TokenMessages.TokenPathNotFoundAction);
            }
        });

        /// <summary>A path as PowerShell users mean it: relative to the current location.</summary>
        private protected string ResolvePath(string path) =>
            IsFullFileSystemPath(path) ? path : SessionState.Path.GetUnresolvedProviderPathFromPSPath(path);

        /// <summary>
        /// A full file-system path needs no PowerShell resolution, which probes the drives on every
        /// call (on Linux it reads the mount table) and costs more than a memo's round trip on loopback.
        /// </summary>
        private static bool IsFullFileSystemPath(string path) =>
            System.IO.Path.DirectorySeparatorChar == '/'
                ? path.StartsWith("/", StringComparison.Ordinal)
                : path.Length >= 3 && char.IsLetter(path[0]) && path[1] == ':' && (path[2] == '\\' || path[2] == '/');

        /// <summary>-TokenPath, else KAKAOPS_TOKEN_PATH, else the per-user default.</summary>
        private protected TokenStore OpenTokenStore(string? tokenPath)
        {
            var path = tokenPath ?? DefaultTokenPath.Resolve();
            if (FilePathRules.Problem(path) is string problem)
            {
                throw TokenFileErrors.InvalidPath(path, problem);   // named as given: NUL, not C:\current\folder\NUL
            }

            string resolved;
            try
            {
                resolved = string.IsNullOrWhiteSpace(path) ? path : ResolvePath(path);
            }
            catch (Exception e) when (e is RuntimeException || e is ArgumentException || e is NotSupportedException)
            {
                throw TokenFileErrors.InvalidPath(path, e.Message);
            }

            return new TokenStore(resolved);
        }

        /// <summary>
        /// Writes, once each, what went wrong after Kakao answered without stopping the command (new tokens the
        /// store could not take): after the hand-off to the user's script block, as non-terminating errors.
        /// </summary>
        private protected override void WriteLoginReports()
        {
            foreach (var failure in HandOffs.TakeFailures())
            {
                WriteKakaoError(failure, target: null);
            }

            foreach (var auth in _authenticators)
            {
                foreach (var report in auth.TakeReports())
                {
                    WriteKakaoError(report, target: auth.Store.Target);
                }
            }
        }

        /// <summary>
        /// The store the login lives in: the memory of this process for -ContextScope Process, or when
        /// this process holds a memory-only login and no -TokenPath was given; else the token file.
        /// </summary>
        private protected ILoginStore OpenLoginStore(string? tokenPath, TokenScope? scope = null)
        {
            var session = KakaoSession.Instance;
            var file = OpenTokenStore(tokenPath);
            var memory = scope == TokenScope.Process || scope == null && string.IsNullOrWhiteSpace(tokenPath) && session.Memory.HasLogin;
            if (memory)
            {
                return session.Memory;
            }

            file.Warning = Log.Warning;
            file.Verbose = Log.Verbose;
            return new FileLoginStore(file, session.TokenFiles);
        }

        /// <summary>The token lifecycle over the login's store (<see cref="OpenLoginStore"/>), with rotations handed to the user's script block.</summary>
        private protected KakaoAuthenticator CreateAuthenticator(string? tokenPath, TokenScope? scope = null)
        {
            // The core may ask from another thread, so the location is read here, on the pipeline thread.
            var configuration = Configuration;
            var store = OpenLoginStore(tokenPath, scope);
            var auth = new KakaoAuthenticator(store, KakaoSession.Instance.Client, KakaoEndpoints.FromEnvironment(), Log, RetryPolicy)
            {
                FallbackClientId = () => configuration.RestApiKey,
                Superseded = KakaoSession.Instance.Superseded,
            };
            auth.RotationsHandedOn = HasRotationHandler(store.Name);
            auth.Rotated = rotated => OnPipelineThread(() =>
                HandOffs.HandOn(RouteRotation(store.Name, rotated, store.HandlerFailed, out var handler), handler, rotated, store));
            _authenticators.Add(auth);
            HandOffs.RunPending();
            return auth;
        }

        private RotationHandOffs HandOffs => _handOffs ??= new RotationHandOffs(this, Streams.Warning, Log);

        /// <summary>Whether rotations of <paramref name="login"/> go to a script block: the one Connect-Kakao was given for it.</summary>
        private protected virtual bool HasRotationHandler(string login) => RefreshTokenRotatedHandlers.Has(login);

        /// <summary>Where this rotation of <paramref name="login"/> goes (see <see cref="RefreshTokenRotatedHandlers.Route"/>).</summary>
        private protected virtual HandOffRoute RouteRotation(string login, TokenSet rotated, Func<string, string> handlerFailed, out ScriptBlock? handler) =>
            RefreshTokenRotatedHandlers.Route(login, rotated, handlerFailed, out handler);
    }
}
