using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Threading;
using KakaoPS.Errors;
using KakaoPS.Files;
using KakaoPS.Http;
using KakaoPS.Resources;
using KakaoPS.Tokens;

namespace KakaoPS.Login
{
    /// <summary>
    /// Authorize requests made by Get-KakaoAuthUrl and the browser login, kept for a few minutes
    /// beside the token file (owner-only, like it) so that Connect-Kakao in another process can
    /// finish the login. A login is used up only by a successful exchange or by expiry; a used
    /// or expired one is remembered for a day (without its verifier) so that pasting its address
    /// again is explained. Every read and read-modify-write goes through <see cref="LockedFile"/>
    /// under the token file's lock.
    /// </summary>
    internal sealed class PendingLogins
    {
        /// <summary>Kakao's authorization codes are short-lived; a login left longer than this starts over.</summary>
        public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

        /// <summary>How long a used or expired login is remembered, to explain a second paste.</summary>
        private static readonly TimeSpan Memory = TimeSpan.FromDays(1);

        private static readonly TimeSpan LockTimeout = TimeSpan.FromSeconds(30);

        /// <summary>A full file (<see cref="MaxLive"/> + <see cref="MaxRemembered"/> logins) is under 16 KB.</summary>
        private const int MaximumSize = 64 * 1024;

        private const int MaxLive = 16;
        private const int MaxRemembered = 16;

        private readonly TokenStore _store;

        public PendingLogins(TokenStore store)
        {
            _store = store;
            Path = store.Path + ".pending";
        }

        public string Path { get; }

        /// <summary>
        /// The live login for this app, redirect URI and scopes, given another <see cref="Lifetime"/>;
        /// a new one when there is none, when <paramref name="fresh"/> or when another state is asked for.
        /// </summary>
        public PendingLogin Begin(string clientId, string redirectUri, IReadOnlyList<string> scopes, string? state, bool fresh)
        {
            return Update(logins =>
            {
                var now = DateTimeOffset.UtcNow;
                var login = fresh ? null : logins.FirstOrDefault(l => l.IsLive(now) && l.Matches(clientId, redirectUri, scopes) && (state == null || l.State == state));
                if (login == null)
                {
                    login = new PendingLogin
                    {
                        State = state ?? Pkce.NewState(),
                        CodeVerifier = Pkce.NewVerifier(),
                        ClientId = clientId,
                        RedirectUri = redirectUri,
                        Scopes = scopes.ToList(),
                    };
                }

                logins.Remove(login);
                login.CreatedAt = now;
                logins.Insert(0, login);
                return login;
            });
        }

        /// <summary>The login with this state: live, used or expired; null when it was never started here.</summary>
        public PendingLogin? Find(string state) =>
            Read().FirstOrDefault(l => string.Equals(l.State, state, StringComparison.Ordinal));

        /// <summary>The newest live login for this app (and redirect URI, when given), for a bare code pasted without its state.</summary>
        public PendingLogin? Newest(string clientId, string? redirectUri)
        {
            var now = DateTimeOffset.UtcNow;
            return Read().Where(l => l.IsLive(now) && l.ClientId == clientId && (redirectUri == null || l.RedirectUri == redirectUri))
                .OrderByDescending(l => l.CreatedAt).FirstOrDefault();
        }

        /// <summary>The login this code was already exchanged for, if any.</summary>
        public PendingLogin? UsedWith(string code)
        {
            var hash = Hash(code);
            return Read().FirstOrDefault(l => l.UsedCodeHash == hash);
        }

        /// <summary>Marks the login used by a successful exchange of <paramref name="code"/>.</summary>
        public void Used(string? state, string code)
        {
            Update(logins =>
            {
                var login = state == null ? null : logins.FirstOrDefault(l => l.State == state);
                if (login == null)
                {
                    login = new PendingLogin { CreatedAt = DateTimeOffset.UtcNow };
                    logins.Add(login);
                }

                login.UsedAt = DateTimeOffset.UtcNow;
                login.UsedCodeHash = Hash(code);
                login.CodeVerifier = string.Empty;
                return login;
            });
        }

        private List<PendingLogin> Read() => Locked(content => FileChange<List<PendingLogin>>.Keep(Parse(content)));

        private T Update<T>(Func<List<PendingLogin>, T> change) => Locked(content =>
        {
            var logins = Parse(content);
            var result = change(logins);
            var now = DateTimeOffset.UtcNow;
            var kept = logins.Where(l => l.IsLive(now)).Take(MaxLive)
                .Concat(logins.Where(l => !l.IsLive(now)).OrderByDescending(l => l.UsedAt ?? l.CreatedAt).Take(MaxRemembered))
                .ToList();
            foreach (var login in kept.Where(l => !l.IsLive(now)))
            {
                login.CodeVerifier = string.Empty; // an expired or used login never needs it again
            }

            return kept.Count == 0
                ? FileChange<T>.Remove(result)
                : FileChange<T>.Replace(JsonSerializer.SerializeToUtf8Bytes(kept, KakaoJson.SerializerOptions), result);
        });

        /// <summary>A read-modify-write of the file under the token file's lock; its problems are the login's errors.</summary>
        private T Locked<T>(Func<byte[]?, FileChange<T>> change)
        {
            var file = new LockedFile(Path, MaximumSize, _store.LockPath);
            try
            {
                // Called from a cmdlet's pipeline thread, where blocking on the lock is what the command does anyway.
                return file.UpdateAsync(change, LockTimeout, CancellationToken.None).GetAwaiter().GetResult();
            }
            catch (UnsafeFileException e) when (string.Equals(e.FilePath, Path, StringComparison.Ordinal))
            {
                throw Unusable(e.Reason);
            }
            catch (Exception e) when (e is TimeoutException || e is UnsafeFileException)
            {
                throw _store.LockFailure(e, LockTimeout);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                throw Unusable(e.Message);
            }
        }

        private KakaoException Unusable(string reason) =>
            new KakaoException("PendingLoginsUnusable", KakaoErrorKind.InvalidData,
                string.Format(CultureInfo.CurrentCulture, LoginMessages.PendingLoginsUnusable, Path, reason),
                string.Format(CultureInfo.CurrentCulture, LoginMessages.PendingLoginsUnusableAction, Path));

        private static List<PendingLogin> Parse(byte[]? content)
        {
            if (content == null)
            {
                return new List<PendingLogin>();
            }

            try
            {
                var logins = JsonSerializer.Deserialize<List<PendingLogin>>(content) ?? new List<PendingLogin>();
                var forgotten = DateTimeOffset.UtcNow - Memory;
                return logins.Where(l => l != null && (l.UsedAt ?? l.CreatedAt) > forgotten).ToList();
            }
            catch (JsonException)
            {
                // Pending logins are disposable: a damaged file only means starting the login again.
                return new List<PendingLogin>();
            }
        }

        private static string Hash(string code)
        {
            using var sha = SHA256.Create();
            return Convert.ToBase64String(sha.ComputeHash(Encoding.UTF8.GetBytes(code)));
        }
    }
}
