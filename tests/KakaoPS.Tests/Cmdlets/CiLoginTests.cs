using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;

namespace KakaoPS.Tests.Cmdlets;

/// <summary>
/// CI's own login, minted on the developer's machine without touching the saved login (the recipe in
/// README and about_KakaoPS): a copy of the laptop's refresh token would die at the laptop's next rotation.
/// </summary>
[Collection(CmdletCollection.Name)]
public sealed class CiLoginTests : RecordedCmdletTest
{
    public CiLoginTests(CmdletEnvironment environment) : base(environment)
    {
    }

    private string SavedRefreshToken() => JsonDocument.Parse(File.ReadAllText(Folder.TokenPath)).RootElement.GetProperty("refresh_token").GetString()!;

    [Fact]
    public async Task A_refresh_token_for_CI_is_minted_in_memory_and_outlives_the_laptops_rotation()
    {
        await ConnectAsync();
        var saved = File.ReadAllBytes(Folder.TokenPath);
        var laptop = SavedRefreshToken();
        var code = await Control.NewCodeAsync(Key);

        // The recipe: a fresh consent kept in memory only, its refresh token taken for the secret store, then forgotten.
        Run("Connect-Kakao -Code $args[0] -RestApiKey $args[1] -ContextScope Process | Out-Null; "
            + "$global:ci = (Get-KakaoContext -IncludeRefreshToken).RefreshToken; Disconnect-Kakao", code, Key).Succeeded();
        var ci = Shell.Run("$global:ci | ConvertFrom-SecureString -AsPlainText").Succeeded().Single<string>();

        Assert.Equal(saved, File.ReadAllBytes(Folder.TokenPath));
        Assert.NotEqual(laptop, ci);

        // A month and a day on, the laptop's login rotates: the CI login is its own and goes on working.
        await Control.AdvanceClockAsync(TimeSpan.FromDays(31));
        var rotated = Run("Send-KakaoMemo -Text 'laptop renews' -Verbose").Succeeded();
        Assert.NotEqual(laptop, SavedRefreshToken());
        Assert.Equal("KOE322", await Control.RefreshErrorAsync(Key, laptop));
        Assert.Null(await Control.RefreshErrorAsync(Key, ci));

        // And the rotation notice says any copy of the old token is dead.
        Assert.Contains(rotated.Verbose, v => v.Contains("copy of the old refresh token"));
    }
}
