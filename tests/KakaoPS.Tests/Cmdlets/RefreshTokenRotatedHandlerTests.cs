using System;
using System.Linq;
using System.Security;
using System.Threading.Tasks;
using KakaoPS.Models;

namespace KakaoPS.Tests.Cmdlets;

/// <summary>Connect-Kakao -OnRefreshTokenRotated: the new refresh token handed to the user's script block.</summary>
[Collection(CmdletCollection.Name)]
public sealed class RefreshTokenRotatedHandlerTests : CmdletTest
{
    private const string Handler = "{ param($RefreshToken) $global:handed += @($RefreshToken) }";

    public RefreshTokenRotatedHandlerTests(CmdletEnvironment environment) : base(environment)
    {
    }

    public override void Dispose()
    {
        Shell.Run("Disconnect-Kakao");
        base.Dispose();
    }

    private async Task<SecureString> RefreshTokenAsync(int daysLeft)
    {
        var plain = (await Control.IssueTokensAsync(refreshExpiresIn: (int)TimeSpan.FromDays(daysLeft).TotalSeconds)).GetProperty("refresh_token").GetString()!;
        var secure = new SecureString();
        foreach (var c in plain)
        {
            secure.AppendChar(c);
        }

        return secure;
    }

    /// <summary>What the script block received, as plain text.</summary>
    private string[] Handed() =>
        Shell.Run("$global:handed | ForEach-Object { if ($_ -isnot [securestring]) { throw 'not a SecureString' }; $_ | ConvertFrom-SecureString -AsPlainText }")
            .Succeeded().All<string>().ToArray();

    private string CurrentRefreshToken() =>
        Shell.Run("(Get-KakaoContext -IncludeRefreshToken).RefreshToken | ConvertFrom-SecureString -AsPlainText").Succeeded().Single<string>();

    [Fact]
    public async Task A_rotation_during_Connect_Kakao_reaches_the_script_block()
    {
        var result = Shell.Run("$global:handed = @(); Connect-Kakao -RefreshToken $args[0] -RestApiKey $args[1] -ContextScope Process -Verbose -OnRefreshTokenRotated " + Handler,
            await RefreshTokenAsync(daysLeft: 10), Key).Succeeded();

        Assert.True(result.Single<KakaoContext>().RefreshTokenRotated);
        var handed = Assert.Single(Handed());
        Assert.Equal(CurrentRefreshToken(), handed);
        Assert.DoesNotContain(result.Information, i => i.MessageData.ToString()!.Contains(handed));
        // The script block took the token: nothing for the user to do, so the notice is quiet (verbose, not in capitals).
        Assert.DoesNotContain(result.Information, i => i.Tags.Contains("RefreshTokenRotated"));
        var notice = Assert.Single(result.Verbose, v => v.Contains("-OnRefreshTokenRotated"));
        Assert.StartsWith("Kakao issued a new refresh token", notice);
    }

    [Fact]
    public async Task A_rotation_during_a_later_Send_KakaoMemo_reaches_the_script_block()
    {
        Shell.Run("$global:handed = @(); Connect-Kakao -RefreshToken $args[0] -RestApiKey $args[1] -ContextScope Process -OnRefreshTokenRotated " + Handler,
            await RefreshTokenAsync(daysLeft: 40), Key).Succeeded();
        Assert.Empty(Handed());

        // Eleven days on, Kakao refuses the access token and the refresh falls in the refresh token's last month.
        await Control.AdvanceClockAsync(TimeSpan.FromDays(11));
        var sent = Shell.Run("Send-KakaoMemo -Text 'after the rotation'").Succeeded();

        Assert.True(sent.Single<KakaoMemoResult>().Success);
        var handed = Assert.Single(Handed());
        Assert.Equal(CurrentRefreshToken(), handed);
    }

    [Fact]
    public async Task A_rotation_of_a_token_file_login_reaches_the_script_block_too()
    {
        Shell.Run("$global:handed = @(); Connect-Kakao -RefreshToken $args[0] -RestApiKey $args[1] -OnRefreshTokenRotated " + Handler,
            await RefreshTokenAsync(daysLeft: 40), Key).Succeeded();

        await Control.AdvanceClockAsync(TimeSpan.FromDays(11));
        Shell.Run("Send-KakaoMemo -Text 'file login'").Succeeded();

        var handed = Assert.Single(Handed());
        Assert.Contains(handed, System.IO.File.ReadAllText(Folder.TokenPath));
    }

    [Fact]
    public async Task A_failing_script_block_says_so_and_leaves_the_token_available()
    {
        var result = Shell.Run("Connect-Kakao -RefreshToken $args[0] -RestApiKey $args[1] -ContextScope Process -OnRefreshTokenRotated { param($RefreshToken) throw 'the vault is down' }",
            await RefreshTokenAsync(daysLeft: 10), Key);

        Assert.Null(result.Terminating);
        Assert.True(result.Single<KakaoContext>().RefreshTokenRotated);
        var error = Assert.Single(result.Errors);
        Assert.StartsWith("RefreshTokenRotatedHandlerFailed,", error.FullyQualifiedErrorId);
        Assert.Contains("the vault is down", error.ToString());
        Assert.Contains("(Get-KakaoContext -IncludeRefreshToken).RefreshToken", error.ErrorDetails.RecommendedAction);
        var kept = CurrentRefreshToken();
        Assert.Contains(kept, (await Control.IssuedTokensAsync()));
        Assert.DoesNotContain(kept, error.ToString());
        Assert.DoesNotContain(kept, error.ErrorDetails.RecommendedAction);
        Shell.Run("Send-KakaoMemo -Text 'still connected'").Succeeded();
    }

    [Fact]
    public async Task A_new_login_without_the_parameter_drops_the_handler_and_Remove_Module_forgets_it()
    {
        Shell.Run("$global:handed = @(); Connect-Kakao -RefreshToken $args[0] -RestApiKey $args[1] -ContextScope Process -OnRefreshTokenRotated " + Handler,
            await RefreshTokenAsync(daysLeft: 40), Key).Succeeded();
        Shell.Run("Connect-Kakao -RefreshToken $args[0] -RestApiKey $args[1] -ContextScope Process", await RefreshTokenAsync(daysLeft: 10), Key).Succeeded();
        Assert.Empty(Handed());

        Shell.Run("Connect-Kakao -RefreshToken $args[0] -RestApiKey $args[1] -ContextScope Process -OnRefreshTokenRotated " + Handler,
            await RefreshTokenAsync(daysLeft: 40), Key).Succeeded();
        Assert.Equal(1, KakaoPS.PowerShellAdapter.RefreshTokenRotatedHandlers.Count);
        Shell.Run("Remove-Module KakaoPS").Succeeded();
        Assert.Equal(0, KakaoPS.PowerShellAdapter.RefreshTokenRotatedHandlers.Count);
        Shell.Run("Import-Module (Join-Path $args[0] KakaoPS.psd1)", AppContext.BaseDirectory).Succeeded();
    }
}
