using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using KakaoPS.Files;
using KakaoPS.Http;
using KakaoPS.Tokens;

namespace KakaoPS.Login
{
    /// <summary>An authorize request waiting for its redirect: the state to check and the PKCE verifier to send.</summary>
    public sealed class PendingLogin
    {
        public string State { get; set; } = string.Empty;
        public string CodeVerifier { get; set; } = string.Empty;
        public string ClientId { get; set; } = string.Empty;
        public string RedirectUri { get; set; } = string.Empty;
        public DateTimeOffset CreatedAt { get; set; }
    }

    /// <summary>
    /// Authorize requests made by Get-KakaoAuthUrl, kept for a few minutes beside the token file
    /// (owner-only, like it) so that Connect-Kakao in another process can finish the login.
    /// </summary>
    public sealed class PendingLogins
    {
        /// <summary>Kakao's authorization codes are short-lived; a login left longer than this starts over.</summary>
        public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

        private const int MaxPending = 8;

        public PendingLogins(TokenStore store)
        {
            Path = store.Path + ".pending";
        }

        public string Path { get; }

        public void Add(PendingLogin login)
        {
            var logins = ReadLive();
            logins.Insert(0, login);
            Write(logins.Take(MaxPending).ToList());
        }

        /// <summary>Removes and returns the request with this state; null when there is none (forged, expired or used).</summary>
        public PendingLogin? Take(string state)
        {
            var logins = ReadLive();
            var match = logins.FirstOrDefault(l => string.Equals(l.State, state, StringComparison.Ordinal));
            if (match != null)
            {
                logins.Remove(match);
                Write(logins);
            }

            return match;
        }

        /// <summary>The newest request for this app, for a bare code pasted without its state.</summary>
        public PendingLogin? TakeNewest(string clientId)
        {
            var match = ReadLive().FirstOrDefault(l => l.ClientId == clientId);
            return match == null ? null : Take(match.State);
        }

        private List<PendingLogin> ReadLive()
        {
            try
            {
                if (!File.Exists(Path))
                {
                    return new List<PendingLogin>();
                }

                var logins = JsonSerializer.Deserialize<List<PendingLogin>>(File.ReadAllText(Path)) ?? new List<PendingLogin>();
                var oldest = DateTimeOffset.UtcNow - Lifetime;
                return logins.Where(l => l.CreatedAt > oldest && l.State.Length > 0).ToList();
            }
            catch (JsonException)
            {
                // Pending logins are disposable: a damaged file only means starting the login again.
                return new List<PendingLogin>();
            }
        }

        private void Write(List<PendingLogin> logins)
        {
            var folder = System.IO.Path.GetDirectoryName(Path)!;
            OwnerOnlyFiles.CreateFolder(folder);
            if (logins.Count == 0)
            {
                File.Delete(Path);
                return;
            }

            OwnerOnlyFiles.WriteReplacing(Path, JsonSerializer.SerializeToUtf8Bytes(logins, KakaoJson.SerializerOptions), Path + "." + Guid.NewGuid().ToString("N") + ".tmp");
        }
    }
}
