using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using KakaoPS.Http;
using static KakaoPS.Http.KakaoJson;

namespace KakaoPS.Tokens
{
    /// <summary>
    /// The tokens of one login, as kept in kakao_token.json: Kakao's own token response fields at
    /// the top level (so the lesson's <c>tokens["access_token"]</c> keeps working) plus absolute
    /// expiry times, the client id and the endpoints that issued them.
    /// </summary>
    internal sealed class TokenSet
    {
        private static readonly char[] ScopeSeparators = { ' ', ',' };

        public const int FormatVersion = 1;

        // Kakao's fields.
        public string AccessToken { get; set; } = string.Empty;
        public string TokenType { get; set; } = "bearer";
        public string? RefreshToken { get; set; }
        public long ExpiresIn { get; set; }
        public long? RefreshTokenExpiresIn { get; set; }
        public string? Scope { get; set; }
        public string? IdToken { get; set; }

        // KakaoPS's fields beside them.
        public DateTimeOffset AccessTokenExpiresAt { get; set; }
        public DateTimeOffset? RefreshTokenExpiresAt { get; set; }
        public string? ClientId { get; set; }
        public string? ClientSecret { get; set; }
        public string? RedirectUri { get; set; }
        public string? AuthUrl { get; set; }
        public string? ApiUrl { get; set; }
        public long? UserId { get; set; }
        public DateTimeOffset IssuedAt { get; set; }

        /// <summary>Fields this version does not know, kept so a rewrite loses nothing.</summary>
        public Dictionary<string, JsonElement> OtherFields { get; } = new Dictionary<string, JsonElement>();

        public string[] Scopes => string.IsNullOrWhiteSpace(Scope)
            ? Array.Empty<string>()
            : Scope!.Split(ScopeSeparators, StringSplitOptions.RemoveEmptyEntries);

        public KakaoEndpoints? Endpoints =>
            AuthUrl != null && ApiUrl != null ? new KakaoEndpoints(AuthUrl, ApiUrl) : null;

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
            using var document = JsonDocument.Parse(content);
            var root = document.RootElement;

            // The lesson's editor view shows the object inside a one-element list; accept that too.
            if (root.ValueKind == JsonValueKind.Array && root.GetArrayLength() == 1)
            {
                root = root[0];
            }

            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new InvalidDataException("the content is not a JSON object");
            }

            if (root.TryGetProperty("error_code", out _) || root.TryGetProperty("error", out _))
            {
                var code = OptionalString(root, "error_code") ?? OptionalString(root, "error");
                throw new InvalidDataException($"it holds a Kakao error response ({code}) instead of tokens");
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

            foreach (var property in root.EnumerateObject())
            {
                if (!KnownFields.Contains(property.Name))
                {
                    set.OtherFields[property.Name] = property.Value.Clone();
                }
            }

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
            "client_id", "client_secret", "redirect_uri", "auth_url", "api_url", "user_id",
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
                : throw new InvalidDataException($"it has no '{name}'");

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
