using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;

namespace KakaoPS.Kakao
{
    /// <summary>
    /// Every HTTP call to Kakao goes through here: form encoding, the bearer header, Kakao's two
    /// error shapes (kauth's error_code, kapi's negative code) and secret-free logging.
    /// </summary>
    public sealed class KakaoClient
    {
        private static readonly MediaTypeHeaderValue FormContentType = MediaTypeHeaderValue.Parse("application/x-www-form-urlencoded;charset=utf-8");

        private readonly HttpClient _http;

        public KakaoClient(HttpClient http)
        {
            _http = http;
        }

        /// <summary>POST /oauth/token: returns Kakao's token response.</summary>
        public Task<JsonElement> RequestTokenAsync(KakaoEndpoints endpoints, IEnumerable<KeyValuePair<string, string?>> form, KakaoLog log, CancellationToken cancellationToken)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, endpoints.Auth("/oauth/token")) { Content = Form(form) };
            return SendAsync(request, isAuthHost: true, log, cancellationToken);
        }

        /// <summary>A kapi call with the user's access token.</summary>
        public Task<JsonElement> CallApiAsync(KakaoEndpoints endpoints, HttpMethod method, string pathAndQuery, string accessToken,
            IEnumerable<KeyValuePair<string, string?>>? form, KakaoLog log, CancellationToken cancellationToken)
        {
            var request = new HttpRequestMessage(method, endpoints.Api(pathAndQuery));
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
            if (form != null)
            {
                request.Content = Form(form);
            }

            return SendAsync(request, isAuthHost: false, log, cancellationToken);
        }

        private async Task<JsonElement> SendAsync(HttpRequestMessage request, bool isAuthHost, KakaoLog log, CancellationToken cancellationToken)
        {
            using (request)
            {
                var target = request.RequestUri!.GetLeftPart(UriPartial.Path);
                var watch = Stopwatch.StartNew();
                HttpResponseMessage response;
                try
                {
                    response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    throw;
                }
                catch (OperationCanceledException e)
                {
                    log.Verbose($"{request.Method} {target} timed out after {watch.ElapsedMilliseconds} ms");
                    throw new KakaoException("KakaoTimeout", KakaoErrorKind.OperationTimeout,
                        $"Kakao did not answer {request.Method} {target} within {_http.Timeout.TotalSeconds:0} seconds.",
                        "Check the network connection and try again.", e) { IsTransient = true };
                }
                catch (HttpRequestException e)
                {
                    log.Verbose($"{request.Method} {target} failed after {watch.ElapsedMilliseconds} ms: {e.Message}");
                    throw new KakaoException("KakaoUnreachable", KakaoErrorKind.ConnectionError,
                        $"Could not reach {request.RequestUri.GetLeftPart(UriPartial.Authority)}: {e.GetBaseException().Message}",
                        "Check the network connection, and KAKAOPS_AUTH_URL / KAKAOPS_API_URL when they are set.", e) { IsTransient = true };
                }

                using (response)
                {
                    var body = await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
                    log.Verbose($"{request.Method} {target} -> {(int)response.StatusCode} in {watch.ElapsedMilliseconds} ms");
                    var json = TryParse(body);
                    if (response.IsSuccessStatusCode && json is JsonElement ok)
                    {
                        return ok;
                    }

                    throw isAuthHost
                        ? AuthError((int)response.StatusCode, json, target)
                        : ApiError((int)response.StatusCode, json, target);
                }
            }
        }

        private static KakaoException AuthError(int status, JsonElement? body, string target)
        {
            var code = body is JsonElement json ? Text(json, "error_code") : null;
            if (code == null)
            {
                return HttpError(status, target);
            }

            var entry = KakaoErrorCatalog.ForAuthCode(code);
            var description = Scrub(Text(body!.Value, "error_description") ?? Text(body.Value, "error") ?? "");
            return new KakaoException(code, entry.Kind, $"{entry.Meaning} (Kakao {code}: {description})", entry.Action)
            {
                KakaoCode = code,
                HttpStatus = status,
                IsTransient = entry.Transient,
            };
        }

        private static KakaoException ApiError(int status, JsonElement? body, string target)
        {
            if (!(body is JsonElement json) || !json.TryGetProperty("code", out var codeElement) || !codeElement.TryGetInt32(out var code))
            {
                return HttpError(status, target);
            }

            var entry = KakaoErrorCatalog.ForApiCode(code);
            var required = json.TryGetProperty("required_scopes", out var scopes) && scopes.ValueKind == JsonValueKind.Array
                ? scopes.EnumerateArray().Select(s => s.GetString() ?? "").Where(s => s.Length > 0).ToArray()
                : Array.Empty<string>();
            var action = entry.Action;
            if (code == -402 && required.Length > 0)
            {
                action = $"Consent to {string.Join(", ", required)}: Get-KakaoAuthUrl -Scope {string.Join(",", required)} -Open, then Connect-Kakao with the new code.";
            }

            var message = Text(json, "msg") ?? "";
            return new KakaoException("Kakao" + code.ToString(System.Globalization.CultureInfo.InvariantCulture), entry.Kind,
                $"{entry.Meaning} (Kakao {code}: {message})", action)
            {
                KakaoCode = code.ToString(System.Globalization.CultureInfo.InvariantCulture),
                HttpStatus = status,
                RequiredScopes = required,
                IsTransient = entry.Transient,
            };
        }

        private static KakaoException HttpError(int status, string target) =>
            new KakaoException("HttpError" + status, status >= 500 ? KakaoErrorKind.ResourceUnavailable : KakaoErrorKind.InvalidData,
                $"{target} answered HTTP {status} without a Kakao error body.",
                status >= 500 ? "Try again later." : "Check KAKAOPS_AUTH_URL / KAKAOPS_API_URL: they may point at something that is not Kakao.")
            {
                HttpStatus = status,
                IsTransient = status == 429 || status == 502 || status == 503 || status == 504,
            };

        private static HttpContent Form(IEnumerable<KeyValuePair<string, string?>> fields)
        {
            var body = string.Join("&", fields
                .Where(f => f.Value != null)
                .Select(f => Uri.EscapeDataString(f.Key) + "=" + Uri.EscapeDataString(f.Value!)));
            var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
            content.Headers.ContentType = FormContentType;
            return content;
        }

        private static JsonElement? TryParse(byte[] body)
        {
            try
            {
                using var document = JsonDocument.Parse(body);
                return document.RootElement.Clone();
            }
            catch (JsonException)
            {
                return null;
            }
        }

        private static string? Text(JsonElement json, string name) =>
            json.ValueKind == JsonValueKind.Object && json.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
                ? value.GetString()
                : null;

        /// <summary>Kakao echoes the authorization code in KOE320's description; it stays out of messages.</summary>
        private static string Scrub(string text) => Regex.Replace(text, @"code=\S+", "code=…");
    }
}
