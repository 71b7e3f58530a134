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

    [Fact]
    public async Task Every_piped_id_comes_back_from_one_request()
    {
        await ConnectAsync();
        var before = (await Control.RequestsAsync()).Count(r => r.GetProperty("path").GetString() == "/v2/user/scopes");

        var scopes = Shell.Run("'talk_message', 'profile_image' | Get-KakaoScope -TokenPath kakao_token.json").Succeeded().All<KakaoScope>().ToList();

        Assert.Equal(new[] { "profile_image", "talk_message" }, scopes.Select(s => s.Id).OrderBy(id => id, System.StringComparer.Ordinal));
        Assert.Equal(before + 1, (await Control.RequestsAsync()).Count(r => r.GetProperty("path").GetString() == "/v2/user/scopes"));
    }

    [Fact]
    public async Task An_unknown_id_is_a_non_terminating_ObjectNotFound_error()
    {
        await ConnectAsync();

        var result = Shell.Run("Get-KakaoScope -Id talk_message, nope -TokenPath kakao_token.json; 'after'");

        Assert.Equal("talk_message", Assert.IsType<KakaoScope>(result.Output[0]).Id);
        Assert.Equal("after", result.Output[1]);
        var error = result.SingleError();
        Assert.Equal(System.Management.Automation.ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
        Assert.Equal("nope", error.TargetObject);
        Assert.StartsWith("ScopeNotFound,", error.FullyQualifiedErrorId);
    }
}
