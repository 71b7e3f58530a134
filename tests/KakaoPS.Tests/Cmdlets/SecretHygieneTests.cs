using System.IO;
using System.Threading.Tasks;
using KakaoPS.Tests.Infrastructure;
using KakaoPS.Api;

namespace KakaoPS.Tests.Cmdlets;

/// <summary>
/// Every command that touches tokens, successful or failing, shown every way PowerShell shows
/// things (objects, format views, Format-List *, errors with Get-Error, verbose, debug): the
/// recorded transcript is scanned for every token the emulator issued when the test ends.
/// </summary>
[Collection(CmdletCollection.Name)]
public sealed class SecretHygieneTests : RecordedCmdletTest
{
    private const string ShowEverything = " | ForEach-Object { $_; $_ | Format-List * | Out-String; $_ | Out-String }";
    private const string ShowErrors = "; $Error | ForEach-Object { $_ | Out-String; $_ | Get-Error | Out-String }";

    public SecretHygieneTests(CmdletEnvironment environment) : base(environment)
    {
    }

    [Fact]
    public async Task Logging_in_refreshing_sending_and_showing_the_results_shows_no_token()
    {
        var code = await Control.NewCodeAsync(Key);
        Run("Connect-Kakao -Code $args[0] -RestApiKey $args[1] -TokenPath kakao_token.json" + ShowEverything, code, Key).Succeeded();
        var refreshToken = new Tokens.TokenStore(Folder.TokenPath).Read()!.RefreshToken!;
        Run("Connect-Kakao -RefreshToken $args[0] -RestApiKey $args[1] -TokenPath kakao_token.json" + ShowEverything, refreshToken, Key).Succeeded();

        await TokenFiles.WriteAsync(Emulator, Folder.TokenPath, accessExpired: true, refreshExpiresIn: 3600);
        await Control.AddFaultAsync(new { path = KakaoApi.DefaultMemoPath, status = 503 });
        Run("'a', 'b' | Send-KakaoMemo -Each -TokenPath kakao_token.json -RetryIntervalSec 0" + ShowEverything).Succeeded();
        Run("Send-KakaoMemo -Text 'preview' -WhatIf -TokenPath kakao_token.json").Succeeded();
        Run("Get-KakaoContext -TokenPath kakao_token.json" + ShowEverything).Succeeded();
        Run("Get-KakaoScope -TokenPath kakao_token.json" + ShowEverything).Succeeded();
        Run("Disconnect-Kakao -Revoke -PassThru -Confirm:$false -TokenPath kakao_token.json" + ShowEverything).Succeeded();

        Assert.Equal(2, (await Control.MessagesAsync()).Count);
    }

    [Fact]
    public async Task Failing_commands_show_no_token_in_their_errors()
    {
        // A revoked refresh token (KOE322), a refused access token (-401), a truncated file holding a token.
        await TokenFiles.WriteAsync(Emulator, Folder.TokenPath, accessExpired: true);
        var tokens = new Tokens.TokenStore(Folder.TokenPath).Read()!;
        Run("Connect-Kakao -RefreshToken $args[0] -RestApiKey $args[1] -TokenPath other.json", tokens.RefreshToken!, Key).Succeeded();
        await Control.AddFaultAsync(new { path = KakaoApi.DefaultMemoPath, status = 401, body = """{"msg":"this access token does not exist","code":-401}""" });
        Run("Send-KakaoMemo -Text x -TokenPath other.json" + ShowErrors);

        Run("Disconnect-Kakao -Revoke -Confirm:$false -TokenPath other.json").Succeeded();
        var failed = Run("Send-KakaoMemo -Text x -TokenPath kakao_token.json" + ShowErrors);
        Assert.Contains(failed.Errors, e => e.FullyQualifiedErrorId.StartsWith("KOE322,"));

        var content = File.ReadAllText(Folder.TokenPath);
        File.WriteAllText(Folder.TokenPath, content[..(content.Length / 2)]);
        Run("Send-KakaoMemo -Text x -TokenPath kakao_token.json" + ShowErrors);
        Run("Connect-Kakao -Code $args[0] -RestApiKey $args[1] -TokenPath kakao_token.json" + ShowErrors, tokens.AccessToken, Key);

        // A failed login leaves the damaged file as it was: only a write that succeeds keeps it aside.
        Assert.True(File.Exists(Folder.TokenPath));
        Assert.Empty(Directory.GetFiles(Folder.Path, "kakao_token.json.corrupt-*"));
    }
}
