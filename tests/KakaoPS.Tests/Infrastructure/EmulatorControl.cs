using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Json;
using System.Text.Json;
using System.Threading.Tasks;
using System.Web;

namespace KakaoPS.Tests.Infrastructure;

/// <summary>The emulator's test control API (/_emulator/…) and a browser's part of the login.</summary>
public sealed class EmulatorControl : IDisposable
{
    private readonly HttpClient _http;

    /// <param name="certificate">An https emulator's own (self-signed) certificate, trusted by this client only.</param>
    public EmulatorControl(string baseUrl, System.Security.Cryptography.X509Certificates.X509Certificate2? certificate = null)
    {
        BaseUrl = baseUrl;
        var handler = new HttpClientHandler { AllowAutoRedirect = false };
        if (certificate != null)
        {
            handler.ServerCertificateCustomValidationCallback = (_, presented, _, _) => presented?.Thumbprint == certificate.Thumbprint;
        }

        _http = new HttpClient(handler) { BaseAddress = new Uri(baseUrl) };
    }

    public string BaseUrl { get; }

    public void Dispose() => _http.Dispose();

    /// <summary>Follows an authorize URL as a consenting browser would and returns the redirect's query.</summary>
    public async Task<System.Collections.Specialized.NameValueCollection> AuthorizeAsync(string authorizeUrl)
    {
        using var response = await _http.GetAsync(authorizeUrl);
        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        return HttpUtility.ParseQueryString(response.Headers.Location!.Query);
    }

    /// <summary>A fresh authorization code for the default app and redirect URI.</summary>
    public async Task<string> NewCodeAsync(string clientId, string redirectUri = "http://127.0.0.1", string? scope = null)
    {
        var url = $"{BaseUrl}/oauth/authorize?client_id={Uri.EscapeDataString(clientId)}&redirect_uri={Uri.EscapeDataString(redirectUri)}&response_type=code"
            + (scope == null ? string.Empty : "&scope=" + Uri.EscapeDataString(scope));
        return (await AuthorizeAsync(url))["code"] ?? throw new InvalidOperationException("no code in the redirect");
    }

    public async Task<List<JsonElement>> MessagesAsync() =>
        (await _http.GetFromJsonAsync<List<JsonElement>>("/_emulator/messages"))!;

    /// <summary>The template_object of every memo received, as the raw form value.</summary>
    public async Task<List<string>> TemplateObjectsAsync() =>
        (await MessagesAsync()).Select(m => m.GetProperty("templateObject").GetString()!).ToList();

    public async Task<List<string>> MemoTextsAsync() =>
        (await TemplateObjectsAsync()).Select(t => JsonDocument.Parse(t).RootElement.GetProperty("text").GetString()!).ToList();

    public async Task<JsonElement> TokensAsync() => await _http.GetFromJsonAsync<JsonElement>("/_emulator/tokens");

    public async Task<List<JsonElement>> RequestsAsync() =>
        (await _http.GetFromJsonAsync<List<JsonElement>>("/_emulator/requests"))!;

    /// <summary>Kakao's error code for a refresh with <paramref name="refreshToken"/> (KOE322 once it was replaced), or null when it works.</summary>
    public async Task<string?> RefreshErrorAsync(string clientId, string refreshToken)
    {
        using var response = await _http.PostAsync("/oauth/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token",
            ["client_id"] = clientId,
            ["refresh_token"] = refreshToken,
        }));
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        return body.TryGetProperty("error_code", out var code) ? code.GetString() : null;
    }

    /// <summary>Issues a token pair directly, as if the user had logged in.</summary>
    public async Task<JsonElement> IssueTokensAsync(string? clientId = null, int? accessExpiresIn = null, int? refreshExpiresIn = null, long? userId = null)
    {
        using var response = await _http.PostAsJsonAsync("/_emulator/tokens", new { clientId, accessExpiresIn, refreshExpiresIn, userId });
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public Task SetConsentAsync(string scope, bool agreed, string? clientId = null) =>
        PostAsync("/_emulator/consent", new { scope, agreed, clientId });

    public Task AdvanceClockAsync(TimeSpan by) => PostAsync("/_emulator/clock", new { advanceSeconds = by.TotalSeconds });

    /// <summary>Forgets everything; the tokens issued so far are first noted for the log scan (<see cref="IssuedTokenLog"/>).</summary>
    public async Task ResetAsync()
    {
        IssuedTokenLog.Record(await IssuedTokensAsync());
        await PostAsync("/_emulator/reset", new { });
    }

    /// <summary>Every access and refresh token the emulator has issued since its last reset.</summary>
    public async Task<List<string>> IssuedTokensAsync() =>
        (await TokensAsync()).GetProperty("issued").EnumerateArray().Select(t => t.GetString()!).ToList();

    /// <summary>Queues a fault (see the emulator's FaultInjector): path, count, status, body, delayMs, drop, retryAfter.</summary>
    public Task AddFaultAsync(object fault) => PostAsync("/_emulator/faults", fault);

    public async Task ConfigureAppAsync(string restApiKey, object settings)
    {
        using var response = await _http.PutAsJsonAsync($"/_emulator/apps/{Uri.EscapeDataString(restApiKey)}", settings);
        response.EnsureSuccessStatusCode();
    }

    private async Task PostAsync(string path, object body)
    {
        using var response = await _http.PostAsJsonAsync(path, body);
        response.EnsureSuccessStatusCode();
    }
}
