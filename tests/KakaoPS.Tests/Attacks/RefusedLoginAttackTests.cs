using System;
using System.IO;
using System.Text.Json;
using System.Threading.Tasks;
using KakaoPS.Models;
using KakaoPS.Tests.Cmdlets;

namespace KakaoPS.Tests.Attacks;

/// <summary>
/// A login refused because the saved one belongs to another user, after Kakao already replaced the refresh
/// token it was made from: the new token is handed on, and the remedies the error names work.
/// </summary>
[Collection(CmdletCollection.Name)]
public sealed class RefusedLoginAttackTests : RecordedCmdletTest
{
    private const long Other = 4242424242;

    public RefusedLoginAttackTests(CmdletEnvironment environment) : base(environment)
    {
    }

    public override void Dispose()
    {
        Shell.Run("Disconnect-Kakao");
        base.Dispose();
    }

    [Theory]
    [InlineData("-Force")]
    [InlineData("-ContextScope Process")]
    public async Task A_login_refused_after_a_rotation_hands_the_new_token_on_and_its_remedies_work(string remedy)
    {
        await ConnectAsync();
        var saved = File.ReadAllBytes(Folder.TokenPath);
        var given = (await Control.IssueTokensAsync(userId: Other, refreshExpiresIn: (int)TimeSpan.FromDays(10).TotalSeconds)).GetProperty("refresh_token").GetString()!;

        var refused = Run("$global:handed = $null; Connect-Kakao -RefreshToken $args[0] -RestApiKey $args[1] -OnRefreshTokenRotated { param($t) $global:handed = $t }", given, Key);

        var error = Assert.Single(refused.Errors);
        Assert.StartsWith("LoginForAnotherUser,", error.FullyQualifiedErrorId);
        Assert.Contains("replaced the refresh token", error.ToString());
        Assert.Equal(saved, File.ReadAllBytes(Folder.TokenPath));
        var handed = Shell.Run("$global:handed | ConvertFrom-SecureString -AsPlainText").Succeeded().Single<string>();
        Assert.NotEqual(given, handed);
        Assert.Equal("KOE322", await Control.RefreshErrorAsync(Key, given));

        // The remedy the error names, with the same command line: the token Kakao replaced is not asked for again.
        var context = Run($"Connect-Kakao -RefreshToken $args[0] -RestApiKey $args[1] {remedy}", given, Key).Succeeded().Single<KakaoContext>();

        Assert.Equal(Other, context.UserId);
        if (remedy == "-Force")
        {
            Assert.Equal(Other, JsonDocument.Parse(File.ReadAllText(Folder.TokenPath)).RootElement.GetProperty("user_id").GetInt64());
        }
        else
        {
            Assert.Equal(saved, File.ReadAllBytes(Folder.TokenPath));
        }

        Assert.Null(await Control.RefreshErrorAsync(Key, handed));
    }
}
