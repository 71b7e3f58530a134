using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Threading;
using KakaoPS.Files;
using KakaoPS.Http;
using KakaoPS.Tokens;

namespace KakaoPS.Login
{
    /// <summary>
    /// Authorize requests made by Get-KakaoAuthUrl and the browser login, kept for a few minutes
    /// beside the token file (owner-only, like it) so that Connect-Kakao in another process can
    /// finish the login. A login is used up only by a successful exchange or by expiry; a used
    /// or expired one is remembered for a day (without its verifier) so that pasting its address
    /// again is explained. Every read-modify-write happens under the token file's lock.
    /// </summary>
    internal sealed class PendingLogins
    {
        /// <summary>Kakao's authorization codes are short-lived; a login left longer than this starts over.</summary>
        public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

        /// <summary>How long a used or expired login is remembered, to explain a second paste.</summary>
        private static readonly TimeSpan Memory = TimeSpan.FromDays(1);

        private static readonly TimeSpan LockTimeout = TimeSpan.FromSeconds(30);

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

        private List<PendingLogin> Read()
        {
            // Called from a cmdlet's pipeline thread, where blocking on the lock is what the command does anyway.
            using (_store.LockAsync(LockTimeout, CancellationToken.None).GetAwaiter().GetResult())
            {
                return ReadUnlocked();
            }
        }

        private T Update<T>(Func<List<PendingLogin>, T> change)
        {
            // Called from a cmdlet's pipeline thread, where blocking on the lock is what the command does anyway.
            using (_store.LockAsync(LockTimeout, CancellationToken.None).GetAwaiter().GetResult())
            {
                var logins = ReadUnlocked();
                var result = change(logins);
                var now = DateTimeOffset.UtcNow;
                var kept = logins.Where(l => l.IsLive(now)).Take(MaxLive)
                    .Concat(logins.Where(l => !l.IsLive(now)).OrderByDescending(l => l.UsedAt ?? l.CreatedAt).Take(MaxRemembered))
                    .ToList();
                foreach (var login in kept.Where(l => !l.IsLive(now)))
                {
                    login.CodeVerifier = string.Empty; // an expired or used login never needs it again
                }

                WriteFile(kept.Count == 0 ? null : JsonSerializer.SerializeToUtf8Bytes(kept, KakaoJson.SerializerOptions));
                return result;
            }
        }

        private List<PendingLogin> ReadUnlocked()
        {
            try
            {
                if (!File.Exists(Path))
                {
                    return new List<PendingLogin>();
                }

                var logins = JsonSerializer.Deserialize<List<PendingLogin>>(File.ReadAllText(Path)) ?? new List<PendingLogin>();
                var forgotten = DateTimeOffset.UtcNow - Memory;
                return logins.Where(l => l != null && (l.UsedAt ?? l.CreatedAt) > forgotten).ToList();
            }
            catch (JsonException)
            {
                // Pending logins are disposable: a damaged file only means starting the login again.
                return new List<PendingLogin>();
            }
        }

        /// <summary>
        /// Replaces the file in one step (a temp file, owner-only from its creation, then a rename),
        /// or deletes it when <paramref name="content"/> is null. The folder exists: the lock made it.
        /// </summary>
        private void WriteFile(byte[]? content)
        {
            if (content == null)
            {
                File.Delete(Path);
                return;
            }

            OwnerOnlyFiles.WriteReplacing(Path, content, Path + "." + Guid.NewGuid().ToString("N") + ".tmp");
        }

        private static string Hash(string code)
        {
            using var sha = SHA256.Create();
            return Convert.ToBase64String(sha.ComputeHash(Encoding.UTF8.GetBytes(code)));
        }
    }
}
