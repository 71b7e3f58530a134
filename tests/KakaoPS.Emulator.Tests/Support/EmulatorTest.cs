using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace KakaoPS.Emulator.Tests.Support;

/// <summary>Base for tests that each get a fresh emulator on a free port, in-process.</summary>
public abstract class EmulatorTest : IAsyncLifetime
{
    public const string Key = EmulatorDefaults.RestApiKey;
    public const string Redirect = "http://127.0.0.1";

    protected EmulatorHost Host { get; private set; } = null!;
    /// <summary>Does not follow redirects, so authorize responses can be inspected.</summary>
    protected HttpClient Http { get; private set; } = null!;

    protected virtual EmulatorOptions Options => new() { AutoConsent = true };

    public virtual async Task InitializeAsync()
    {
        Host = await EmulatorHost.StartAsync(Options);
        Http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = Host.BaseUrl };
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        await Host.DisposeAsync();
    }

    protected static string AuthorizePath(string query) => "/oauth/authorize?" + query;

    /// <summary>Runs authorize (auto-consent) and returns the parsed redirect query.</summary>
    protected async Task<Dictionary<string, string>> AuthorizeAsync(string extraQuery = "", string redirectUri = Redirect)
    {
        var response = await Http.GetAsync(AuthorizePath(
            $"client_id={Key}&redirect_uri={Uri.EscapeDataString(redirectUri)}&response_type=code{extraQuery}"));
        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        return RedirectQuery(response);
    }

    protected static Dictionary<string, string> RedirectQuery(HttpResponseMessage response)
    {
        var location = response.Headers.Location!.ToString();
        var query = location.Contains('?') ? location[(location.IndexOf('?') + 1)..] : "";
        return query.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .ToDictionary(p => p[0], p => Uri.UnescapeDataString(p[1]));
    }

    protected async Task<string> CodeAsync(string extraQuery = "") => (await AuthorizeAsync(extraQuery))["code"];

    protected Task<HttpResponseMessage> TokenAsync(params (string Key, string Value)[] form) => PostFormAsync("/oauth/token", form);

    protected async Task<JsonElement> ExchangeAsync(string code, string redirectUri = Redirect)
    {
        var response = await TokenAsync(("grant_type", "authorization_code"), ("client_id", Key),
            ("redirect_uri", redirectUri), ("code", code));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await JsonAsync(response);
    }

    /// <summary>Tokens straight from the control API (no browser); consent to all items unless scopes are given.</summary>
    protected async Task<JsonElement> IssueTokensAsync(object? body = null)
    {
        var response = await Http.PostAsJsonAsync("/_emulator/tokens", body ?? new { });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await JsonAsync(response);
    }

    protected async Task<string> AccessTokenAsync(object? body = null) =>
        (await IssueTokensAsync(body)).GetProperty("access_token").GetString()!;

    protected Task<HttpResponseMessage> PostFormAsync(string path, (string Key, string Value)[] form, string? bearer = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new FormUrlEncodedContent(form.Select(p => new KeyValuePair<string, string>(p.Key, p.Value))),
        };
        if (bearer is not null) request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + bearer);
        return Http.SendAsync(request);
    }

    protected async Task<HttpResponseMessage> GetAsync(string path, string? bearer)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (bearer is not null) request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + bearer);
        return await Http.SendAsync(request);
    }

    protected Task<HttpResponseMessage> SendMemoAsync(string token, string templateObject) =>
        PostFormAsync("/v2/api/talk/memo/default/send", [("template_object", templateObject)], token);

    protected static string TextTemplate(string text) =>
        JsonSerializer.Serialize(new { object_type = "text", text, link = new { web_url = "https://example.com" } });

    protected async Task<JsonElement> ControlGetAsync(string path) => await JsonAsync(await Http.GetAsync("/_emulator/" + path));

    protected async Task ControlPostAsync(string path, object body)
    {
        var response = await Http.PostAsJsonAsync("/_emulator/" + path, body);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    protected Task AdvanceClockAsync(TimeSpan by) => ControlPostAsync("clock", new { advanceSeconds = by.TotalSeconds });

    protected async Task PutAppAsync(string key, object body)
    {
        var response = await Http.PutAsJsonAsync($"/_emulator/apps/{key}", body);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    protected static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Asserts a Kakao JSON response: status, exact content type, and returns the body.</summary>
    protected static async Task<JsonElement> AssertKakaoJsonAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        // NonValidated keeps the header as sent; the parsed form would add a space after the semicolon.
        Assert.Equal("application/json;charset=UTF-8", response.Content.Headers.NonValidated["Content-Type"].ToString());
        return await JsonAsync(response);
    }

    /// <summary>Asserts a kauth error: status, body fields, and the WWW-Authenticate header.</summary>
    protected static async Task<JsonElement> AssertOAuthErrorAsync(HttpResponseMessage response, HttpStatusCode status,
        string error, string koeCode, string? description = null)
    {
        var body = await AssertKakaoJsonAsync(response, status);
        Assert.Equal(error, body.GetProperty("error").GetString());
        Assert.Equal(koeCode, body.GetProperty("error_code").GetString());
        if (description is not null) Assert.Equal(description, body.GetProperty("error_description").GetString());
        Assert.True(response.Headers.WwwAuthenticate.Count > 0, "kauth errors carry WWW-Authenticate");
        return body;
    }

    /// <summary>Asserts a kapi error body {"msg","code"} with the given status.</summary>
    protected static async Task<JsonElement> AssertApiErrorAsync(HttpResponseMessage response, HttpStatusCode status, int code, string? msg = null)
    {
        var body = await AssertKakaoJsonAsync(response, status);
        Assert.Equal(code, body.GetProperty("code").GetInt32());
        if (msg is not null) Assert.Equal(msg, body.GetProperty("msg").GetString());
        return body;
    }
}
