using System.Net;
using KakaoPS.Emulator.Tests.Support;

namespace KakaoPS.Emulator.Tests;

public sealed class CommandLineTests
{
    [Fact]
    public void Parses_every_switch_in_both_forms()
    {
        var options = CommandLine.Parse(["--urls", "http://127.0.0.1:5000", "--auto-consent", "--rest-api-key=abc",
            "--client-secret", "s", "--config", "apps.json"]);

        Assert.Equal("http://127.0.0.1:5000", options.Urls);
        Assert.True(options.AutoConsent);
        Assert.Equal("abc", options.RestApiKey);
        Assert.Equal("s", options.ClientSecret);
        Assert.Equal("apps.json", options.ConfigPath);
    }

    [Fact]
    public void Defaults_and_unknown_switches()
    {
        var options = CommandLine.Parse([]);
        Assert.Equal("http://127.0.0.1:0", options.Urls);
        Assert.Equal(EmulatorDefaults.RestApiKey, options.RestApiKey);
        Assert.Null(options.ClientSecret);
        Assert.Throws<ArgumentException>(() => CommandLine.Parse(["--nope"]));
        Assert.Throws<ArgumentException>(() => CommandLine.Parse(["--urls"]));
    }
}

public sealed class ConfigFileTests : EmulatorTest, IDisposable
{
    private readonly string _configPath = Path.Combine(Path.GetTempPath(), $"kakaops-apps-{Guid.NewGuid():N}.json");

    protected override EmulatorOptions Options
    {
        get
        {
            File.WriteAllText(_configPath, """
                {"apps":[
                  {"restApiKey":"ci-app","name":"CI 앱","clientSecret":"ci-secret","autoConsent":true,
                   "redirectUris":["http://127.0.0.1:9999/cb"],"dailyQuota":1},
                  {"restApiKey":"no-talk","talkMessageEnabled":false,"autoConsent":true}
                ]}
                """);
            return new EmulatorOptions { ConfigPath = _configPath };
        }
    }

    public void Dispose() => File.Delete(_configPath);

    [Fact]
    public async Task Apps_from_the_config_file_are_registered_next_to_the_default_app()
    {
        var keys = (await ControlGetAsync("apps")).EnumerateArray().Select(a => a.GetProperty("restApiKey").GetString());
        Assert.Equal([EmulatorDefaults.RestApiKey, "ci-app", "no-talk"], keys);
    }

    [Fact]
    public async Task Config_app_settings_apply_and_survive_reset()
    {
        await ControlPostAsync("reset", new { });
        var authorize = await Http.GetAsync(AuthorizePath("client_id=ci-app&redirect_uri=" + Uri.EscapeDataString("http://127.0.0.1:9999/cb") + "&response_type=code"));
        var code = RedirectQuery(authorize)["code"];

        var withoutSecret = await TokenAsync(("grant_type", "authorization_code"), ("client_id", "ci-app"), ("redirect_uri", "http://127.0.0.1:9999/cb"), ("code", code));
        await AssertOAuthErrorAsync(withoutSecret, HttpStatusCode.Unauthorized, "invalid_client", "KOE010");

        var token = await AccessTokenAsync(new { clientId = "ci-app" });
        Assert.Equal(HttpStatusCode.OK, (await SendMemoAsync(token, TextTemplate("one"))).StatusCode);
        await AssertApiErrorAsync(await SendMemoAsync(token, TextTemplate("two")), HttpStatusCode.BadRequest, -10);

        var noTalk = await AccessTokenAsync(new { clientId = "no-talk" });
        await AssertApiErrorAsync(await SendMemoAsync(noTalk, TextTemplate("x")), HttpStatusCode.Forbidden, -3);
    }
}
