using System.IO;
using System.Linq;
using System.Threading.Tasks;
using KakaoPS.Models;
using static KakaoPS.Tests.Infrastructure.Network;

namespace KakaoPS.Tests.Cmdlets;

[Collection(CmdletCollection.Name)]
public sealed class ConnectKakaoTests : CmdletTest
{
    public ConnectKakaoTests(CmdletEnvironment environment) : base(environment)
    {
    }

    [Fact]
    public async Task A_reused_code_names_KOE320_and_leaves_the_token_file_byte_identical()
    {
        var code = await Control.NewCodeAsync(Key);
        Shell.Run("Connect-Kakao -Code $args[0] -RestApiKey $args[1] -TokenPath kakao_token.json", code, Key).Succeeded();
        var before = File.ReadAllBytes(Folder.TokenPath);
        var writtenAt = File.GetLastWriteTimeUtc(Folder.TokenPath);

        var result = Shell.Run("Connect-Kakao -Code $args[0] -RestApiKey $args[1] -TokenPath kakao_token.json", code, Key);

        var error = result.SingleError();
        Assert.StartsWith("KOE320,", error.FullyQualifiedErrorId);
        Assert.Contains("KOE320", error.ToString());
        Assert.Contains("Get-KakaoAuthUrl", error.ErrorDetails.RecommendedAction);
        Assert.DoesNotContain(code, error.ToString());
        Assert.Empty(result.Output);
        Assert.Equal(before, File.ReadAllBytes(Folder.TokenPath));
        Assert.Equal(writtenAt, File.GetLastWriteTimeUtc(Folder.TokenPath));
        Assert.Empty(Directory.GetFiles(Folder.Path).Where(f => f.EndsWith(".tmp")));
    }

    [Fact]
    public async Task The_code_and_key_come_from_dotenv_as_in_the_lesson()
    {
        var code = await Control.NewCodeAsync(Key);
        File.WriteAllText(Folder.File(".env"), $"REST_API_KEY = {Key}\nAUTHORIZATION_CODE = {code}\n");

        var context = Shell.Run("Connect-Kakao -TokenPath kakao_token.json").Succeeded().Single<KakaoContext>();

        Assert.Equal(Key, context.ClientId);
        Assert.True(File.Exists(Folder.TokenPath));
    }

    [Fact]
    public async Task A_redirect_URI_other_than_the_authorize_one_names_KOE303()
    {
        var code = await Control.NewCodeAsync(Key, redirectUri: "http://127.0.0.1");

        var error = Shell.Run("Connect-Kakao -Code $args[0] -RestApiKey $args[1] -RedirectUri http://localhost -TokenPath kakao_token.json", code, Key).SingleError();

        Assert.StartsWith("KOE303,", error.FullyQualifiedErrorId);
        Assert.Contains("-RedirectUri", error.ErrorDetails.RecommendedAction);
        Assert.False(File.Exists(Folder.TokenPath));
    }

    [Fact]
    public async Task An_app_with_its_client_secret_on_needs_it()
    {
        const string key = "secret-app-key";
        const string secret = "s3cr3t-value-for-tests";
        await Control.ConfigureAppAsync(key, new { clientSecret = secret, redirectUris = new[] { "http://127.0.0.1" } });

        var withoutSecret = Shell.Run("Connect-Kakao -Code $args[0] -RestApiKey $args[1] -TokenPath kakao_token.json", await Control.NewCodeAsync(key), key).SingleError();
        Assert.StartsWith("KOE010,", withoutSecret.FullyQualifiedErrorId);
        Assert.Contains("-ClientSecret", withoutSecret.ErrorDetails.RecommendedAction);

        var context = Shell.Run("Connect-Kakao -Code $args[0] -RestApiKey $args[1] -ClientSecret $args[2] -TokenPath kakao_token.json", await Control.NewCodeAsync(key), key, secret)
            .Succeeded().Single<KakaoContext>();
        Assert.Equal(key, context.ClientId);
        Assert.DoesNotContain(secret, context.ToString());
    }

    [Fact]
    public void Without_a_key_the_error_says_where_to_put_one()
    {
        var result = Shell.Run("Connect-Kakao -Code abc -TokenPath kakao_token.json");

        var error = result.SingleError();
        Assert.StartsWith("MissingRestApiKey,", error.FullyQualifiedErrorId);
        Assert.Contains("KAKAO_REST_API_KEY", error.ErrorDetails.RecommendedAction);
    }

    [Fact]
    public void Without_a_code_the_browser_login_waits_at_most_TimeoutSec_and_then_shows_the_URL()
    {
        var result = Shell.Run("$env:BROWSER = 'true'; try { Connect-Kakao -RestApiKey $args[0] -RedirectUri $args[1] -TimeoutSec 1 } finally { $env:BROWSER = $null }",
            Key, $"http://127.0.0.1:{FreePort()}/callback");

        var error = result.SingleError();
        Assert.StartsWith("LoginTimedOut,", error.FullyQualifiedErrorId);
        Assert.Contains(Emulator.BaseUrl + "/oauth/authorize?", error.ErrorDetails.RecommendedAction);
        Assert.Contains("-TimeoutSec", error.ErrorDetails.RecommendedAction);
        Assert.False(File.Exists(Folder.TokenPath));
    }

    [Fact]
    public async Task Get_KakaoContext_shows_the_login_without_tokens_and_Disconnect_removes_it()
    {
        await ConnectAsync();
        var tokens = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Folder.TokenPath)).RootElement;

        var context = Shell.Run("Get-KakaoContext -TokenPath kakao_token.json").Succeeded().Single<KakaoContext>();
        var shown = Shell.Run("Get-KakaoContext -TokenPath kakao_token.json | Format-List * | Out-String").Succeeded().Single<string>();

        Assert.Equal(Key, context.ClientId);
        Assert.Equal(Emulator.BaseUrl, context.ApiUrl);
        Assert.DoesNotContain(tokens.GetProperty("access_token").GetString()!, shown);
        Assert.DoesNotContain(tokens.GetProperty("refresh_token").GetString()!, shown);

        Shell.Run("Disconnect-Kakao -TokenPath kakao_token.json -WhatIf").Succeeded();
        Assert.True(File.Exists(Folder.TokenPath));
        Shell.Run("Disconnect-Kakao -TokenPath kakao_token.json").Succeeded();
        Assert.False(File.Exists(Folder.TokenPath));
        Shell.Run("Disconnect-Kakao -TokenPath kakao_token.json").Succeeded();
        Assert.StartsWith("NotConnected,", Shell.Run("Get-KakaoContext -TokenPath kakao_token.json").SingleError().FullyQualifiedErrorId);
    }
}
