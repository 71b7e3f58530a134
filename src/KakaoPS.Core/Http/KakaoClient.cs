using System;
using System.Globalization;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using KakaoPS.Errors;
using KakaoPS.Resources;
using KakaoPS.Logging;
using KakaoPS.Tokens;

namespace KakaoPS.Http
{
    /// <summary>
    /// Every HTTP call to Kakao goes through here: form encoding, the bearer header, Kakao's two
    /// error shapes (kauth's error_code, kapi's negative code) and secret-free logging.
    /// </summary>
    internal sealed class KakaoClient
    {
        private static readonly MediaTypeHeaderValue FormContentType = MediaTypeHeaderValue.Parse("application/x-www-form-urlencoded;charset=utf-8");

        /// <summary>
        /// HttpClient.Send, where the runtime has it (.NET 5 and later: PowerShell 7). A command waits for
        /// Kakao's answer anyway, and the synchronous path is compiled ahead of time in .NET itself, so a
        /// fresh session's first send has less to JIT-compile than through SendAsync, whose state machines
        /// are generic instantiations .NET does not ship compiled (docs/benchmarks.md). Windows PowerShell's
        /// .NET Framework has only SendAsync.
        /// </summary>
        private static readonly Func<HttpClient, HttpRequestMessage, HttpCompletionOption, CancellationToken, HttpResponseMessage>? SendSynchronously =
            typeof(HttpClient).GetMethod("Send", new[] { typeof(HttpRequestMessage), typeof(HttpCompletionOption), typeof(CancellationToken) }) is System.Reflection.MethodInfo send
                ? (Func<HttpClient, HttpRequestMessage, HttpCompletionOption, CancellationToken, HttpResponseMessage>)Delegate.CreateDelegate(
                    typeof(Func<HttpClient, HttpRequestMessage, HttpCompletionOption, CancellationToken, HttpResponseMessage>), send)
                : null;

        private readonly HttpClient _http;

        public KakaoClient(HttpClient http, RetryPolicy? retry = null)
        {
            _http = http;
            Retry = retry ?? RetryPolicy.Default;
        }

        /// <summary>Retries, waits and the per-attempt timeout of this client's requests.</summary>
        public RetryPolicy Retry { get; }

        /// <summary>A client on the same HttpClient that retries as <paramref name="retry"/> says.</summary>
        public KakaoClient WithRetry(RetryPolicy retry) => new KakaoClient(_http, retry);

        /// <summary>POST /oauth/token: returns Kakao's token response.</summary>
        public async Task<JsonElement> RequestTokenAsync(KakaoEndpoints endpoints, IEnumerable<KeyValuePair<string, string?>> form, KakaoLog log, CancellationToken cancellationToken) =>
            (await SendAsync(() => new HttpRequestMessage(HttpMethod.Post, endpoints.Auth("/oauth/token")) { Content = Form(form) },
                isAuthHost: true, log, cancellationToken).ConfigureAwait(false)).Json;

        /// <summary>A kapi call with the user's access token.</summary>
        public async Task<JsonElement> CallApiAsync(KakaoEndpoints endpoints, HttpMethod method, string pathAndQuery, string accessToken,
            IEnumerable<KeyValuePair<string, string?>>? form, KakaoLog log, CancellationToken cancellationToken) =>
            (await CountedCallApiAsync(endpoints, method, pathAndQuery, accessToken, form, log, cancellationToken).ConfigureAwait(false)).Json;

        /// <summary>A kapi call with the user's access token, and the requests it took (each retry included).</summary>
        public Task<KakaoAnswer> CountedCallApiAsync(KakaoEndpoints endpoints, HttpMethod method, string pathAndQuery,
            string accessToken, IEnumerable<KeyValuePair<string, string?>>? form, KakaoLog log, CancellationToken cancellationToken) =>
            SendAsync(() =>
            {
                var request = new HttpRequestMessage(method, endpoints.Api(pathAndQuery));
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
                if (form != null)
                {
                    request.Content = Form(form);
                }

                return request;
            }, isAuthHost: false, log, cancellationToken);

        /// <summary>A request message is sent once, so every attempt builds a new one.</summary>
        private async Task<KakaoAnswer> SendAsync(Func<HttpRequestMessage> newRequest, bool isAuthHost, KakaoLog log, CancellationToken cancellationToken)
        {
            await log.BeforeSendAsync(cancellationToken).ConfigureAwait(false);
            return await Retry.ExecuteAsync(attempt => SendOnceAsync(newRequest(), attempt, isAuthHost, log, cancellationToken), log, cancellationToken).ConfigureAwait(false);
        }

        private async Task<KakaoAnswer> SendOnceAsync(HttpRequestMessage request, int attempt, bool isAuthHost, KakaoLog log, CancellationToken cancellationToken)
        {
            using (request)
            using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                var target = request.RequestUri!.GetLeftPart(UriPartial.Path);
                var watch = Stopwatch.StartNew();
                timeout.CancelAfter(Retry.RequestTimeout);
                HttpResponseMessage response;
                try
                {
                    response = SendSynchronously != null
                        ? SendSynchronously(_http, request, HttpCompletionOption.ResponseContentRead, timeout.Token)
                        : await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, timeout.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    log.Verbose(string.Format(CultureInfo.CurrentCulture, HttpMessages.RequestCancelled, request.Method, target, watch.ElapsedMilliseconds));
                    throw;
                }
                catch (OperationCanceledException e)
                {
                    log.Verbose(string.Format(CultureInfo.CurrentCulture, HttpMessages.RequestTimedOut, request.Method, target, watch.ElapsedMilliseconds));
                    throw new KakaoException("KakaoTimeout", KakaoErrorKind.OperationTimeout,
                        string.Format(CultureInfo.CurrentCulture, HttpMessages.KakaoTimeout, request.Method, target, Retry.RequestTimeout.TotalSeconds.ToString("0.#", System.Globalization.CultureInfo.CurrentCulture)),
                        HttpMessages.KakaoTimeoutAction, e) { IsTransient = true };
                }
                catch (Exception e) when (e is HttpRequestException || e is System.IO.IOException)
                {
                    log.Verbose(string.Format(CultureInfo.CurrentCulture, HttpMessages.RequestFailed, request.Method, target, watch.ElapsedMilliseconds, e.GetBaseException().Message));
                    throw new KakaoException("KakaoUnreachable", KakaoErrorKind.ConnectionError,
                        string.Format(CultureInfo.CurrentCulture, HttpMessages.KakaoUnreachable, request.RequestUri.GetLeftPart(UriPartial.Authority), e.GetBaseException().Message),
                        HttpMessages.KakaoUnreachableAction, e) { IsTransient = true };
                }

                using (response)
                {
                    var body = await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
                    if (log.VerboseShown)
                    {
                        log.Verbose(string.Format(CultureInfo.CurrentCulture, HttpMessages.RequestAnswered, request.Method, target, (int)response.StatusCode, watch.ElapsedMilliseconds));
                    }

                    var json = TryParse(body);
                    if (response.IsSuccessStatusCode && json is JsonElement ok)
                    {
                        return new KakaoAnswer(ok, attempt);
                    }

                    var error = isAuthHost
                        ? AuthError((int)response.StatusCode, json, target)
                        : ApiError((int)response.StatusCode, json, target);
                    error.RetryAfter = RetryAfter(response);
                    throw error;
                }
            }
        }

        /// <summary>Retry-After as a number of seconds or as an HTTP date.</summary>
        private static TimeSpan? RetryAfter(HttpResponseMessage response)
        {
            var header = response.Headers.RetryAfter;
            if (header?.Delta is TimeSpan delta)
            {
                return delta;
            }

            return header?.Date is DateTimeOffset date ? (date > DateTimeOffset.UtcNow ? date - DateTimeOffset.UtcNow : TimeSpan.Zero) : (TimeSpan?)null;
        }

        private static KakaoException AuthError(int status, JsonElement? body, string target)
        {
            var code = body is JsonElement json ? KakaoJson.OptionalString(json, "error_code") : null;
            if (code == null)
            {
                return HttpError(status, target);
            }

            var entry = KakaoErrorCatalog.ForAuthCode(code);
            var description = Secrets.ScrubEchoes(KakaoJson.OptionalString(body!.Value, "error_description") ?? KakaoJson.OptionalString(body.Value, "error") ?? "");
            return new KakaoException(code, entry.Kind, string.Format(CultureInfo.CurrentCulture, HttpMessages.KakaoErrorMessage, entry.Meaning, code, description), entry.Action)
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
                action = string.Format(CultureInfo.CurrentCulture, HttpMessages.ConsentToRequiredScopes, string.Join(", ", required), string.Join(",", required));
            }

            var message = Secrets.ScrubEchoes(KakaoJson.OptionalString(json, "msg"));
            return new KakaoException("Kakao" + code.ToString(System.Globalization.CultureInfo.InvariantCulture), entry.Kind,
                string.Format(System.Globalization.CultureInfo.InvariantCulture, HttpMessages.KakaoErrorMessage, entry.Meaning, code, message), action)
            {
                KakaoCode = code.ToString(System.Globalization.CultureInfo.InvariantCulture),
                HttpStatus = status,
                RequiredScopes = required,
                IsTransient = entry.Transient,
            };
        }

        private static KakaoException HttpError(int status, string target)
        {
            var busy = status == 429 || status == 502 || status == 503 || status == 504;
            var kind = status == 429 ? KakaoErrorKind.QuotaExceeded : status >= 500 ? KakaoErrorKind.ResourceUnavailable : KakaoErrorKind.InvalidData;
            var action = busy || status >= 500
                ? HttpMessages.HttpErrorBusyAction
                : HttpMessages.HttpErrorNotKakaoAction;
            return new KakaoException("HttpError" + status, kind, string.Format(CultureInfo.CurrentCulture, HttpMessages.HttpErrorWithoutBody, target, status), action)
            {
                HttpStatus = status,
                IsTransient = busy,
            };
        }

        private static ByteArrayContent Form(IEnumerable<KeyValuePair<string, string?>> fields)
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

    }
}
