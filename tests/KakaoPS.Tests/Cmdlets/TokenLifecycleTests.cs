using System;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using KakaoPS.Models;

namespace KakaoPS.Tests.Cmdlets;

/// <summary>Silent refresh, rotation, a dead refresh token, the client secret, memory-only logins, revoke.</summary>
[Collection(CmdletCollection.Name)]
public sealed class TokenLifecycleTests : CmdletTest
{
    public TokenLifecycleTests(CmdletEnvironment environment) : base(environment)
    {
    }

    private JsonObject TokenFile() => JsonNode.Parse(File.ReadAllText(Folder.TokenPath))!.AsObject();

    private async Task<int> RefreshGrantsAsync() => (await Control.TokensAsync()).GetProperty("refreshGrants").GetInt32();

    private async Task<int> Unauthorized() => (await Control.RequestsAsync()).Count(r => r.GetProperty("status").GetInt32() == 401);

    /// <summary>A login whose access token the module already considers expired.</summary>
    private Task WriteExpiredLoginAsync(int refreshExpiresIn = 5183999, bool namesItsKey = true) =>
        WriteLoginAsync(TimeSpan.FromHours(-1), refreshExpiresIn, namesItsKey);

    /// <summary>A login whose access token has <paramref name="accessLeft"/> left in the module's eyes.</summary>
    private async Task WriteLoginAsync(TimeSpan accessLeft, int refreshExpiresIn, bool namesItsKey = true, DateTimeOffset? renewalAttemptedAt = null)
    {
        var issued = JsonNode.Parse((await Control.IssueTokensAsync(refreshExpiresIn: refreshExpiresIn)).GetRawText())!.AsObject();
        if (namesItsKey)
        {
            issued["client_id"] = Key;
        }

        issued["auth_url"] = Emulator.BaseUrl;
        issued["api_url"] = Emulator.BaseUrl;
        issued["issued_at"] = DateTimeOffset.UtcNow.Add(accessLeft).AddHours(-6).ToString("o");
        issued["access_token_expires_at"] = DateTimeOffset.UtcNow.Add(accessLeft).ToString("o");
        issued["refresh_token_expires_at"] = DateTimeOffset.UtcNow.AddSeconds(refreshExpiresIn).ToString("o");
        if (renewalAttemptedAt is DateTimeOffset attempted)
        {
            issued["renewal_attempted_at"] = attempted.ToString("o");
        }

        File.WriteAllText(Folder.TokenPath, issued.ToJsonString());
    }

    [Fact]
    public async Task An_access_token_about_to_expire_is_refreshed_before_the_send()
    {
        await WriteExpiredLoginAsync();
        var before = TokenFile();

        Shell.Run("Send-KakaoMemo -Text 'after six hours'").Succeeded();

        Assert.Equal(1, await RefreshGrantsAsync());
        Assert.Equal(0, await Unauthorized());
        var after = TokenFile();
        Assert.NotEqual(before["access_token"]!.GetValue<string>(), after["access_token"]!.GetValue<string>());
        Assert.Equal(before["refresh_token"]!.GetValue<string>(), after["refresh_token"]!.GetValue<string>());
        Assert.Equal(new[] { "after six hours" }, await Control.MemoTextsAsync());
    }

    [Fact]
    public async Task A_token_file_that_names_no_key_is_refreshed_with_the_key_from_dotenv()
    {
        await WriteExpiredLoginAsync(namesItsKey: false);
        var refusal = Shell.Run("Send-KakaoMemo -Text 'no key yet'").SingleError();
        Assert.StartsWith("MissingRestApiKey,", refusal.FullyQualifiedErrorId);

        File.WriteAllText(Folder.File(".env"), $"REST_API_KEY = {Key}\n");
        Shell.Run("Send-KakaoMemo -Text 'key from .env'").Succeeded();

        Assert.Equal(1, await RefreshGrantsAsync());
        Assert.Equal(Key, TokenFile()["client_id"]!.GetValue<string>());
        Assert.Equal(new[] { "key from .env" }, await Control.MemoTextsAsync());
    }

    [Fact]
    public async Task A_6_hour_old_access_token_is_refreshed_after_a_401_and_the_send_succeeds()
    {
        await ConnectAsync();
        await Control.AdvanceClockAsync(TimeSpan.FromHours(6));

        var sent = Shell.Run("Send-KakaoMemo -Text 'late'").Succeeded().Single<KakaoMemoResult>();

        Assert.True(sent.Success);
        Assert.Equal(1, await Unauthorized());
        Assert.Equal(1, await RefreshGrantsAsync());
        Assert.Equal(new[] { "late" }, await Control.MemoTextsAsync());
    }

    [Fact]
    public async Task A_refresh_token_in_its_last_month_rotates_and_the_file_keeps_the_new_one()
    {
        await WriteExpiredLoginAsync(refreshExpiresIn: (int)TimeSpan.FromDays(20).TotalSeconds);
        var oldRefreshToken = TokenFile()["refresh_token"]!.GetValue<string>();

        Shell.Run("Send-KakaoMemo -Text one").Succeeded();

        var file = TokenFile();
        var newRefreshToken = file["refresh_token"]!.GetValue<string>();
        Assert.NotEqual(oldRefreshToken, newRefreshToken);
        Assert.True(DateTimeOffset.Parse(file["refresh_token_expires_at"]!.GetValue<string>()) > DateTimeOffset.UtcNow.AddDays(50));
        Assert.Equal("KOE322", await RefreshErrorAsync(oldRefreshToken));

        // A later refresh works with the rotated token.
        await Control.AdvanceClockAsync(TimeSpan.FromHours(7));
        Shell.Run("Send-KakaoMemo -Text two").Succeeded();
        Assert.Equal(2, await RefreshGrantsAsync());
        Assert.Equal(new[] { "one", "two" }, await Control.MemoTextsAsync());
    }

    /// <summary>A login whose access token is still good for hours and whose refresh token has <paramref name="refreshDaysLeft"/> days left.</summary>
    private Task WriteValidLoginAsync(int refreshDaysLeft, DateTimeOffset? renewalAttemptedAt = null) =>
        WriteLoginAsync(TimeSpan.FromHours(5), (int)TimeSpan.FromDays(refreshDaysLeft).TotalSeconds, renewalAttemptedAt: renewalAttemptedAt);

    [Fact]
    public async Task A_send_inside_the_rotation_window_renews_the_login_though_the_access_token_is_valid()
    {
        await WriteValidLoginAsync(refreshDaysLeft: 20);
        var oldRefreshToken = TokenFile()["refresh_token"]!.GetValue<string>();

        Shell.Run("Send-KakaoMemo -Text 'renewing'").Succeeded();

        Assert.Equal(1, await RefreshGrantsAsync());
        var file = TokenFile();
        Assert.NotEqual(oldRefreshToken, file["refresh_token"]!.GetValue<string>());
        Assert.True(DateTimeOffset.Parse(file["refresh_token_expires_at"]!.GetValue<string>()) > DateTimeOffset.UtcNow.AddDays(50));
        Assert.True(DateTimeOffset.Parse(file["renewal_attempted_at"]!.GetValue<string>()) > DateTimeOffset.UtcNow.AddMinutes(-5));
        Assert.Equal("KOE322", await RefreshErrorAsync(oldRefreshToken));
        Assert.Equal(new[] { "renewing" }, await Control.MemoTextsAsync());
    }

    [Fact]
    public async Task A_second_send_the_same_day_does_not_renew_again()
    {
        // Refresh tokens of this app live 20 days, so even the renewed one is inside the window.
        await Control.ConfigureAppAsync(Key, new { refreshTokenLifetime = (int)TimeSpan.FromDays(20).TotalSeconds });
        await WriteValidLoginAsync(refreshDaysLeft: 20);

        Shell.Run("Send-KakaoMemo -Text one").Succeeded();
        var renewed = TokenFile();
        Shell.Run("Send-KakaoMemo -Text two").Succeeded();

        Assert.Equal(1, await RefreshGrantsAsync());
        Assert.True(DateTimeOffset.Parse(renewed["refresh_token_expires_at"]!.GetValue<string>()) < DateTimeOffset.UtcNow.AddDays(30));
        Assert.Equal(renewed.ToJsonString(), TokenFile().ToJsonString());
        Assert.Equal(new[] { "one", "two" }, await Control.MemoTextsAsync());
    }

    [Fact]
    public async Task An_attempt_another_process_recorded_in_the_file_today_holds_the_renewal_back()
    {
        await WriteValidLoginAsync(refreshDaysLeft: 20, renewalAttemptedAt: DateTimeOffset.UtcNow.AddHours(-2));
        var before = File.ReadAllText(Folder.TokenPath);

        Shell.Run("Send-KakaoMemo -Text 'not yet'").Succeeded();

        Assert.Equal(0, await RefreshGrantsAsync());
        Assert.Equal(before, File.ReadAllText(Folder.TokenPath));
    }

    [Fact]
    public async Task Outside_the_rotation_window_a_send_refreshes_nothing()
    {
        await WriteValidLoginAsync(refreshDaysLeft: 40);
        var before = File.ReadAllText(Folder.TokenPath);

        Shell.Run("Send-KakaoMemo -Text 'fresh login'").Succeeded();

        Assert.Equal(0, await RefreshGrantsAsync());
        Assert.Equal(before, File.ReadAllText(Folder.TokenPath));
        Assert.Equal(new[] { "fresh login" }, await Control.MemoTextsAsync());
    }

    [Fact]
    public async Task A_renewal_Kakao_refuses_does_not_fail_the_send_and_waits_a_day()
    {
        await WriteValidLoginAsync(refreshDaysLeft: 20);
        await Control.AddFaultAsync(new { path = "/oauth/token", count = 1, status = 400, body = "{\"error\":\"invalid_grant\",\"error_description\":\"expired_or_invalid_refresh_token\",\"error_code\":\"KOE322\"}" });
        var oldRefreshToken = TokenFile()["refresh_token"]!.GetValue<string>();

        var result = Shell.Run("Send-KakaoMemo -Text 'still sent'").Succeeded();
        Shell.Run("Send-KakaoMemo -Text 'no second try'").Succeeded();

        Assert.True(result.Single<KakaoMemoResult>().Success);
        Assert.Contains(result.Warnings, w => w.Contains("KOE322") || w.Contains("refresh token"));
        var file = TokenFile();
        Assert.Equal(oldRefreshToken, file["refresh_token"]!.GetValue<string>());
        Assert.NotNull(file["renewal_attempted_at"]);
        Assert.Single(await Control.RequestsAsync(), r => r.GetProperty("path").GetString() == "/oauth/token");
        Assert.Equal(new[] { "still sent", "no second try" }, await Control.MemoTextsAsync());
    }

    [Fact]
    public async Task A_dead_refresh_token_says_to_connect_again_and_leaves_the_file()
    {
        await ConnectAsync();
        await Control.AdvanceClockAsync(TimeSpan.FromDays(61));
        var before = File.ReadAllBytes(Folder.TokenPath);

        var error = Shell.Run("Send-KakaoMemo -Text 'too late'").SingleError();

        Assert.StartsWith("KOE322,", error.FullyQualifiedErrorId);
        Assert.Contains("Connect-Kakao", error.ErrorDetails.RecommendedAction);
        Assert.Equal(before, File.ReadAllBytes(Folder.TokenPath));
    }

    [Fact]
    public async Task An_app_with_its_secret_on_works_end_to_end_when_the_secret_was_given_once()
    {
        const string key = "secret-lifecycle-key";
        const string secret = "lifecycle-client-secret";
        await Control.ConfigureAppAsync(key, new { clientSecret = secret, redirectUris = new[] { "http://127.0.0.1" } });
        var code = await Control.NewCodeAsync(key);
        var context = Shell.Run("Connect-Kakao -Code $args[0] -RestApiKey $args[1] -ClientSecret $args[2]", code, key, secret).Succeeded().Single<KakaoContext>();
        Assert.True(context.ClientSecretSaved);

        await Control.AdvanceClockAsync(TimeSpan.FromHours(7));
        Shell.Run("Send-KakaoMemo -Text 'secret app'").Succeeded();

        Assert.Equal(1, await RefreshGrantsAsync());
        Assert.Equal(new[] { "secret app" }, await Control.MemoTextsAsync());
    }

    [Fact]
    public async Task A_CI_login_from_a_refresh_token_can_stay_in_memory_and_writes_no_file()
    {
        var refreshToken = (await Control.IssueTokensAsync()).GetProperty("refresh_token").GetString()!;

        var context = Shell.Run("Connect-Kakao -RefreshToken $args[0] -RestApiKey $args[1] -ContextScope Process", refreshToken, Key)
            .Succeeded().Single<KakaoContext>();
        var sent = Shell.Run("Send-KakaoMemo -Text 'from CI'").Succeeded().Single<KakaoMemoResult>();

        Assert.Equal(TokenScope.Process, context.TokenScope);
        Assert.Null(context.TokenPath);
        Assert.True(sent.Success);
        Assert.False(File.Exists(Folder.TokenPath));
        Assert.Equal(TokenScope.Process, Shell.Run("(Get-KakaoContext).TokenScope").Succeeded().Single<TokenScope>());
        Shell.Run("Disconnect-Kakao").Succeeded();
        Assert.StartsWith("NotConnected,", Shell.Run("Send-KakaoMemo -Text x").SingleError().FullyQualifiedErrorId);
    }

    [Theory]
    [InlineData("")]
    [InlineData("$WarningPreference = 'Stop'; $ErrorActionPreference = 'Stop'; ")]
    public async Task A_memory_only_login_reports_a_rotation_on_the_output_even_under_strict_preferences(string preferences)
    {
        var refreshToken = (await Control.IssueTokensAsync(refreshExpiresIn: (int)TimeSpan.FromDays(10).TotalSeconds)).GetProperty("refresh_token").GetString()!;
        var secure = new System.Security.SecureString();
        foreach (var c in refreshToken) secure.AppendChar(c);

        var result = Shell.Run(preferences + "Connect-Kakao -RefreshToken $args[0] -RestApiKey $args[1] -ContextScope Process", secure, Key);
        var rotated = Shell.Run("(Get-KakaoContext -IncludeRefreshToken).RefreshToken | ConvertFrom-SecureString -AsPlainText; Disconnect-Kakao").Succeeded().Single<string>();
        result.Succeeded();

        Assert.True(result.Single<KakaoPS.Models.KakaoContext>().RefreshTokenRotated);
        Assert.Empty(result.Warnings);
        var record = Assert.Single(result.Information, i => i.Tags.Contains("RefreshTokenRotated"));
        var message = record.MessageData.ToString()!;
        Assert.Contains("NEW REFRESH TOKEN", message);
        Assert.Contains("Get-KakaoContext -IncludeRefreshToken", message);
        Assert.NotEqual(refreshToken, rotated);
        Assert.DoesNotContain(rotated, message);
        Assert.Contains(rotated, (await Control.TokensAsync()).GetProperty("issued").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal("KOE322", await RefreshErrorAsync(refreshToken));
    }

    [Fact]
    public async Task Disconnect_with_Revoke_logs_out_at_Kakao_too()
    {
        await ConnectAsync();
        var accessToken = TokenFile()["access_token"]!.GetValue<string>();

        Shell.Run("Disconnect-Kakao -Revoke -Confirm:$false").Succeeded();

        Assert.False(File.Exists(Folder.TokenPath));
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, Emulator.BaseUrl + "/v1/user/access_token_info");
        request.Headers.Authorization = new("Bearer", accessToken);
        Assert.Equal(401, (int)(await http.SendAsync(request)).StatusCode);
    }

    [Fact]
    public async Task Test_KakaoConnection_passes_when_all_is_well_and_names_what_is_missing()
    {
        Assert.False(Shell.Run("Test-KakaoConnection -Quiet").Succeeded().Single<bool>());
        var disconnected = Shell.Run("Test-KakaoConnection").Succeeded().All<KakaoConnectionCheck>().ToList();
        Assert.Equal(KakaoCheckStatus.Failed, disconnected.Single(c => c.Check == "Login").Status);
        Assert.All(disconnected.Where(c => c.Check != "Login"), c => Assert.Equal(KakaoCheckStatus.Skipped, c.Status));

        await ConnectAsync();
        var healthy = Shell.Run("Test-KakaoConnection").Succeeded().All<KakaoConnectionCheck>().ToList();
        Assert.Equal(new[] { "Login", "TokenFile", "Endpoint", "AccessToken", "RefreshToken", "TalkMessageConsent" }, healthy.Select(c => c.Check));
        Assert.All(healthy, c => Assert.Equal(KakaoCheckStatus.Passed, c.Status));
        Assert.Contains("at least once a month", healthy.Single(c => c.Check == "RefreshToken").Message);
        Assert.True(Shell.Run("Test-KakaoConnection -Quiet").Succeeded().Single<bool>());

        await Control.SetConsentAsync("talk_message", agreed: false);
        var consent = Shell.Run("Test-KakaoConnection").Succeeded().All<KakaoConnectionCheck>().Single(c => c.Check == "TalkMessageConsent");
        Assert.Equal(KakaoCheckStatus.Failed, consent.Status);
        Assert.Contains("Get-KakaoAuthUrl -Scope talk_message", consent.Remedy);
        Assert.False(Shell.Run("Test-KakaoConnection -Quiet").Succeeded().Single<bool>());
    }

    /// <summary>Kakao's answer to a refresh with this token: its error code, or null when it worked.</summary>
    private Task<string?> RefreshErrorAsync(string refreshToken) => Control.RefreshErrorAsync(Key, refreshToken);
}
