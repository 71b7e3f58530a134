using System.Linq;
using System.Threading.Tasks;
using KakaoPS.Models;

namespace KakaoPS.Tests.Cmdlets;

[Collection(CmdletCollection.Name)]
public sealed class GetKakaoScopeTests : CmdletTest
{
    public GetKakaoScopeTests(CmdletEnvironment environment) : base(environment)
    {
    }

    [Fact]
    public async Task Where_agreed_eq_false_filters_typed_scope_objects()
    {
        await ConnectAsync();
        await Control.SetConsentAsync("talk_message", agreed: false);

        var missing = Shell.Run("Get-KakaoScope -TokenPath kakao_token.json | Where agreed -eq $false").Succeeded().All<KakaoScope>().ToList();

        var scope = Assert.Single(missing);
        Assert.Equal("talk_message", scope.Id);
        Assert.Equal("SERVICE", scope.Type);
        Assert.False(scope.Agreed);
        Assert.Null(scope.Revocable);
    }

    [Fact]
    public async Task Id_asks_Kakao_for_those_items_only()
    {
        await ConnectAsync();

        var scopes = Shell.Run("Get-KakaoScope -Id talk_message -TokenPath kakao_token.json").Succeeded().All<KakaoScope>().ToList();

        var scope = Assert.Single(scopes);
        Assert.Equal("talk_message", scope.Id);
        Assert.True(scope.Agreed);
        Assert.True(scope.Revocable);
    }

    [Fact]
    public async Task The_table_view_shows_id_agreed_type_and_name()
    {
        await ConnectAsync();

        var table = Shell.Run("Get-KakaoScope -TokenPath kakao_token.json | Out-String").Succeeded().Single<string>();

        Assert.Matches(@"Id\s+Agreed\s+Type\s+DisplayName", table);
        Assert.Matches(@"talk_message\s+True\s+SERVICE", table);
    }
}
