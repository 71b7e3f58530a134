using System;
using System.Globalization;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using KakaoPS.Http;
using KakaoPS.Files;
using KakaoPS.Resources;
using static KakaoPS.Http.KakaoJson;

namespace KakaoPS.Tokens
{
    /// <summary>
    /// The tokens of one login, as kept in kakao_token.json: Kakao's own token response fields at
    /// the top level (so the lesson's <c>tokens["access_token"]</c> keeps working) plus absolute
    /// expiry times, the client id and the endpoints that issued them. Immutable, as one set is shared
    /// by every runspace of the process: a change is a copy (the With… methods), swapped in whole.
    /// </summary>
    internal sealed class TokenSet
    {
        private static readonly char[] ScopeSeparators = { ' ', ',' };

        public const int FormatVersion = 1;

        // Kakao's fields.
        public string AccessToken { get; private set; } = string.Empty;
        public string TokenType { get; private set; } = "bearer";
        public string? RefreshToken { get; private set; }
        public long ExpiresIn { get; private set; }
        public long? RefreshTokenExpiresIn { get; private set; }
        public string? Scope { get; private set; }
        public string? IdToken { get; private set; }

        // KakaoPS's fields beside them.
        public DateTimeOffset AccessTokenExpiresAt { get; private set; }
        public DateTimeOffset? RefreshTokenExpiresAt { get; private set; }
        public string? ClientId { get; private set; }
        public string? ClientSecret { get; private set; }
        public string? RedirectUri { get; private set; }
        public string? AuthUrl { get; private set; }
        public string? ApiUrl { get; private set; }
        public long? UserId { get; private set; }
        public DateTimeOffset IssuedAt { get; private set; }

        /// <summary>When a process last tried to renew the login inside the rotation window (<see cref="RefreshTokenRenewal"/>).</summary>
        public DateTimeOffset? RenewalAttemptedAt { get; private set; }

        /// <summary>Fields this version does not know, kept so a rewrite loses nothing.</summary>
        public IReadOnlyDictionary<string, JsonElement> OtherFields { get; private set; } = new Dictionary<string, JsonElement>();

        public string[] Scopes => string.IsNullOrWhiteSpace(Scope)
            ? Array.Empty<string>()
            : Scope!.Split(ScopeSeparators, StringSplitOptions.RemoveEmptyEntries);

        public KakaoEndpoints? Endpoints =>
            AuthUrl != null && ApiUrl != null ? KakaoEndpoints.Of(AuthUrl, ApiUrl) : null;

        /// <summary>What Connect-Kakao -RefreshToken starts from, before Kakao is asked.</summary>
        public static TokenSet FromRefreshToken(string refreshToken, string clientId, string? clientSecret) =>
            new TokenSet { RefreshToken = refreshToken, ClientId = clientId, ClientSecret = clientSecret };

        /// <summary>A copy that names the app, its secret and redirect URI, and the hosts that issued the tokens.</summary>
        public TokenSet WithLogin(string? clientId, string? clientSecret, string? redirectUri, string authUrl, string apiUrl) => Copy(copy =>
        {
            copy.ClientId = clientId;
            copy.ClientSecret = clientSecret;
            copy.RedirectUri = redirectUri;
            copy.AuthUrl = authUrl;
            copy.ApiUrl = apiUrl;
        });

        public TokenSet WithClientId(string? clientId) => Copy(copy => copy.ClientId = clientId);

        public TokenSet WithUserId(long? userId) => Copy(copy => copy.UserId = userId);

        public TokenSet WithRenewalAttempt(DateTimeOffset attemptedAt) => Copy(copy => copy.RenewalAttemptedAt = attemptedAt);

        private TokenSet Copy(Action<TokenSet> change)
        {
            var copy = (TokenSet)MemberwiseClone();
            change(copy);
            return copy;
        }

        /// <summary>
        /// A token response from Kakao. A refresh response carries a refresh token only when Kakao
        /// rotated it; otherwise the previous one (and its expiry) stays.
        /// </summary>
        public static TokenSet FromTokenResponse(JsonElement response, DateTimeOffset now, TokenSet? previous = null)
        {
            var set = new TokenSet
            {
                AccessToken = RequiredString(response, "access_token"),
                TokenType = OptionalString(response, "token_type") ?? "bearer",
                ExpiresIn = OptionalLong(response, "expires_in") ?? 0,
                Scope = OptionalString(response, "scope") ?? previous?.Scope,
                IdToken = OptionalString(response, "id_token"),
                IssuedAt = now,
                ClientId = previous?.ClientId,
                ClientSecret = previous?.ClientSecret,
                RedirectUri = previous?.RedirectUri,
                AuthUrl = previous?.AuthUrl,
                ApiUrl = previous?.ApiUrl,
                UserId = previous?.UserId,
                RenewalAttemptedAt = previous?.RenewalAttemptedAt,
            };
            set.AccessTokenExpiresAt = now.AddSeconds(set.ExpiresIn);

            var rotated = OptionalString(response, "refresh_token");
            if (rotated != null)
            {
                set.RefreshToken = rotated;
                set.RefreshTokenExpiresIn = OptionalLong(response, "refresh_token_expires_in");
                set.RefreshTokenExpiresAt = set.RefreshTokenExpiresIn is long seconds ? now.AddSeconds(seconds) : (DateTimeOffset?)null;
            }
            else if (previous != null)
            {
                set.RefreshToken = previous.RefreshToken;
                set.RefreshTokenExpiresAt = previous.RefreshTokenExpiresAt;
                set.RefreshTokenExpiresIn = previous.RefreshTokenExpiresAt is DateTimeOffset at
                    ? (long)Math.Max(0, (at - now).TotalSeconds)
                    : previous.RefreshTokenExpiresIn;
            }

            return set;
        }

        /// <summary>
        /// Reads the file's content. Files written by the lesson's script have no absolute times:
        /// their expiry is counted from the file's last write.
        /// </summary>
        public static TokenSet Parse(byte[] content, DateTimeOffset fileWrittenAt)
        {
            using var document = JsonDocument.Parse(WindowsText.AsUtf8(content));
            var root = document.RootElement;

            // The lesson's editor view shows the object inside a one-element list; accept that too.
            if (root.ValueKind == JsonValueKind.Array && root.GetArrayLength() == 1)
            {
                root = root[0];
            }

            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new InvalidDataException(TokenFileMessages.NotAJsonObjectReason);
            }

            if (root.TryGetProperty("error_code", out _) || root.TryGetProperty("error", out _))
            {
                var code = OptionalString(root, "error_code") ?? OptionalString(root, "error");
                throw new InvalidDataException(string.Format(CultureInfo.CurrentCulture, TokenFileMessages.HoldsErrorResponseReason, code));
            }

            var set = new TokenSet
            {
                AccessToken = RequiredString(root, "access_token"),
                TokenType = OptionalString(root, "token_type") ?? "bearer",
                RefreshToken = OptionalString(root, "refresh_token"),
                ExpiresIn = OptionalLong(root, "expires_in") ?? 0,
                RefreshTokenExpiresIn = OptionalLong(root, "refresh_token_expires_in"),
                Scope = OptionalString(root, "scope"),
                IdToken = OptionalString(root, "id_token"),
                ClientId = OptionalString(root, "client_id"),
                ClientSecret = OptionalString(root, "client_secret"),
                RedirectUri = OptionalString(root, "redirect_uri"),
                AuthUrl = OptionalString(root, "auth_url"),
                ApiUrl = OptionalString(root, "api_url"),
                UserId = OptionalLong(root, "user_id"),
                IssuedAt = OptionalTime(root, "issued_at") ?? fileWrittenAt,
                RenewalAttemptedAt = OptionalTime(root, "renewal_attempted_at"),
            };
            set.AccessTokenExpiresAt = OptionalTime(root, "access_token_expires_at") ?? set.IssuedAt.AddSeconds(set.ExpiresIn);
            set.RefreshTokenExpiresAt = OptionalTime(root, "refresh_token_expires_at")
                ?? (set.RefreshTokenExpiresIn is long seconds ? set.IssuedAt.AddSeconds(seconds) : (DateTimeOffset?)null);

            foreach (var (name, value) in new[] { ("access_token", set.AccessToken), ("refresh_token", set.RefreshToken), ("token_type", set.TokenType),
                ("client_id", set.ClientId), ("client_secret", set.ClientSecret) })
            {
                // A line break or NUL in a value that goes into a header or a form would be a raw .NET error later, or a header injection.
                if (value != null && value.Any(char.IsControl))
                {
                    throw new InvalidDataException(string.Format(System.Globalization.CultureInfo.CurrentCulture, KakaoPS.Resources.TokenFileMessages.HasControlCharacter, name));
                }
            }

            var others = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
            foreach (var property in root.EnumerateObject())
            {
                if (!KnownFields.Contains(property.Name))
                {
                    others[property.Name] = property.Value.Clone();
                }
            }

            set.OtherFields = others;

            return set;
        }

        public byte[] ToJson()
        {
            using var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer, KakaoJson.IndentedWriterOptions))
            {
                writer.WriteStartObject();
                writer.WriteString("access_token", AccessToken);
                writer.WriteString("token_type", TokenType);
                WriteIfPresent(writer, "refresh_token", RefreshToken);
                writer.WriteNumber("expires_in", ExpiresIn);
                if (RefreshTokenExpiresIn is long refreshSeconds)
                {
                    writer.WriteNumber("refresh_token_expires_in", refreshSeconds);
                }

                WriteIfPresent(writer, "scope", Scope);
                WriteIfPresent(writer, "id_token", IdToken);
                writer.WriteNumber("kakaops_format", FormatVersion);
                writer.WriteString("issued_at", IssuedAt.ToUniversalTime().ToString("o"));
                writer.WriteString("access_token_expires_at", AccessTokenExpiresAt.ToUniversalTime().ToString("o"));
                if (RefreshTokenExpiresAt is DateTimeOffset refreshAt)
                {
                    writer.WriteString("refresh_token_expires_at", refreshAt.ToUniversalTime().ToString("o"));
                }

                WriteIfPresent(writer, "client_id", ClientId);
                WriteIfPresent(writer, "client_secret", ClientSecret);
                WriteIfPresent(writer, "redirect_uri", RedirectUri);
                WriteIfPresent(writer, "auth_url", AuthUrl);
                WriteIfPresent(writer, "api_url", ApiUrl);
                if (UserId is long userId)
                {
                    writer.WriteNumber("user_id", userId);
                }

                if (RenewalAttemptedAt is DateTimeOffset attempted)
                {
                    writer.WriteString("renewal_attempted_at", attempted.ToUniversalTime().ToString("o"));
                }

                foreach (var other in OtherFields)
                {
                    writer.WritePropertyName(other.Key);
                    other.Value.WriteTo(writer);
                }

                writer.WriteEndObject();
            }

            return buffer.ToArray();
        }

        private static readonly HashSet<string> KnownFields = new HashSet<string>(StringComparer.Ordinal)
        {
            "access_token", "token_type", "refresh_token", "expires_in", "refresh_token_expires_in", "scope", "id_token",
            "kakaops_format", "issued_at", "access_token_expires_at", "refresh_token_expires_at",
            "client_id", "client_secret", "redirect_uri", "auth_url", "api_url", "user_id", "renewal_attempted_at",
        };

        private static void WriteIfPresent(Utf8JsonWriter writer, string name, string? value)
        {
            if (value != null)
            {
                writer.WriteString(name, value);
            }
        }

        private static string RequiredString(JsonElement element, string name) =>
            OptionalString(element, name) is string value && value.Length > 0
                ? value
                : throw new InvalidDataException(string.Format(CultureInfo.CurrentCulture, TokenFileMessages.MissingFieldReason, name));

        private static long? OptionalLong(JsonElement element, string name) =>
            element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number)
                ? number
                : (long?)null;

        private static DateTimeOffset? OptionalTime(JsonElement element, string name) =>
            OptionalString(element, name) is string text && DateTimeOffset.TryParse(text, null, System.Globalization.DateTimeStyles.RoundtripKind, out var time)
                ? time
                : (DateTimeOffset?)null;
    }
}
