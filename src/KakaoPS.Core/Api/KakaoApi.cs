using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using System.Globalization;
using KakaoPS.Errors;
using KakaoPS.Http;
using KakaoPS.Resources;
using KakaoPS.Memo;
using KakaoPS.Models;
using KakaoPS.Logging;
using KakaoPS.Tokens;
using System;

namespace KakaoPS.Api
{
    /// <summary>The kapi endpoints KakaoPS uses, each called with a usable access token.</summary>
    internal sealed class KakaoApi
    {
        public const string DefaultMemoPath = "/v2/api/talk/memo/default/send";
        public const string CustomMemoPath = "/v2/api/talk/memo/send";
        public const string ScrapMemoPath = "/v2/api/talk/memo/scrap/send";

        private readonly KakaoAuthenticator _auth;
        private readonly KakaoLog _log;

        public KakaoApi(KakaoAuthenticator auth, KakaoLog log)
        {
            _auth = auth;
            _log = log;
        }

        private KakaoClient Client => _auth.Client;

        /// <summary>
        /// Sends one memo: a default template (default/send), a console template (send) or a
        /// scrap (scrap/send), as the request says.
        /// </summary>
        public async Task<KakaoMemoResult> SendMemoAsync(MemoRequest request, CancellationToken cancellationToken)
        {
            KakaoAnswer posted;
            try
            {
                posted = await PostMemoAsync(request.Path, request.Form, cancellationToken).ConfigureAwait(false);
            }
            catch (KakaoException e) when (e.KakaoCode == "-2" && request.TemplateId is long templateId)
            {
                // -2 names no field; with a console template it is almost always an id of another app.
                throw e.Retold(e.Message, string.Format(CultureInfo.CurrentCulture, MemoMessages.UnknownTemplateAction, templateId));
            }

            var resultCode = posted.Json.TryGetProperty("result_code", out var code) && code.TryGetInt32(out var value) ? value : -1;
            return MemoResults.Create(request, resultCode, posted.Attempts);
        }

        /// <summary>Kakao's answer, with the kapi requests it took, a refused access token's included.</summary>
        private async Task<KakaoAnswer> PostMemoAsync(string path, IReadOnlyDictionary<string, string?> form, CancellationToken cancellationToken)
        {
            var attempts = 0;
            var response = await _auth.CallAsync(async token =>
            {
                try
                {
                    var answer = await Client.CountedCallApiAsync(_auth.Endpoints, HttpMethod.Post, path, token, form, _log, cancellationToken).ConfigureAwait(false);
                    attempts += answer.Attempts;
                    return answer;
                }
                catch (KakaoException e)
                {
                    attempts += e.Attempts;
                    throw;
                }
            }, cancellationToken).ConfigureAwait(false);
            return new KakaoAnswer(response.Json, attempts);
        }

        /// <summary>GET /v2/user/scopes, optionally only the given consent items.</summary>
        public async Task<IReadOnlyList<KakaoScope>> GetScopesAsync(IReadOnlyCollection<string>? ids, CancellationToken cancellationToken)
        {
            var path = "/v2/user/scopes";
            if (ids != null && ids.Count > 0)
            {
                path += "?scopes=" + System.Uri.EscapeDataString(JsonSerializer.Serialize(ids, KakaoJson.SerializerOptions));
            }

            var response = await _auth.CallAsync(
                token => Client.CallApiAsync(_auth.Endpoints, HttpMethod.Get, path, token, null, _log, cancellationToken),
                cancellationToken).ConfigureAwait(false);
            var userId = response.TryGetProperty("id", out var id) && id.TryGetInt64(out var number) ? number : 0;
            if (!response.TryGetProperty("scopes", out var scopes) || scopes.ValueKind != JsonValueKind.Array)
            {
                return Array.Empty<KakaoScope>();
            }

            return scopes.EnumerateArray().Select(s => new KakaoScope
            {
                Id = KakaoJson.OptionalString(s, "id") ?? string.Empty,
                DisplayName = KakaoJson.OptionalString(s, "display_name") ?? string.Empty,
                Type = KakaoJson.OptionalString(s, "type") ?? string.Empty,
                Using = Flag(s, "using") ?? false,
                Agreed = Flag(s, "agreed") ?? false,
                Revocable = Flag(s, "revocable"),
                Delegated = Flag(s, "delegated"),
                UserId = userId,
            }).ToList();
        }

        /// <summary>A consent item id that Kakao does not list for this app and user.</summary>
        public static KakaoException ScopeNotFound(string id) =>
            new KakaoException("ScopeNotFound", KakaoErrorKind.ObjectNotFound,
                string.Format(CultureInfo.CurrentCulture, ScopeMessages.NotFound, id), ScopeMessages.NotFoundAction);

        /// <summary>GET /v1/user/access_token_info: the user id behind the token.</summary>
        public async Task<long?> GetUserIdAsync(CancellationToken cancellationToken)
        {
            var response = await _auth.CallAsync(
                token => Client.CallApiAsync(_auth.Endpoints, HttpMethod.Get, "/v1/user/access_token_info", token, null, _log, cancellationToken),
                cancellationToken).ConfigureAwait(false);
            return response.TryGetProperty("id", out var id) && id.TryGetInt64(out var number) ? number : (long?)null;
        }

        /// <summary>POST /v1/user/logout: Kakao revokes the tokens.</summary>
        public Task LogoutAsync(CancellationToken cancellationToken) =>
            _auth.CallAsync(
                token => Client.CallApiAsync(_auth.Endpoints, HttpMethod.Post, "/v1/user/logout", token, new Dictionary<string, string?>(), _log, cancellationToken),
                cancellationToken);

        private static bool? Flag(JsonElement element, string name) =>
            element.TryGetProperty(name, out var value) && (value.ValueKind == JsonValueKind.True || value.ValueKind == JsonValueKind.False)
                ? value.GetBoolean()
                : (bool?)null;
    }
}
