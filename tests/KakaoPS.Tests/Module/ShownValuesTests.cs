using System;
using System.Threading.Tasks;
using KakaoPS.Tests.Infrastructure;

namespace KakaoPS.Tests.Module;

/// <summary>
/// What a user reads in the output, in a real pwsh whose time zone is not UTC: times in local time
/// (objects and messages alike), no made-up time for a message that was not sent, and a Text for
/// every kind of message.
/// </summary>
public sealed class ShownValuesTests : IClassFixture<EmulatorFixture>, IDisposable
{
    private readonly EmulatorFixture _emulator;
    private readonly TempFolder _folder = new();

    public ShownValuesTests(EmulatorFixture emulator)
    {
        _emulator = emulator;
    }

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Times_are_local_a_held_back_result_has_no_SentAt_and_card_results_have_a_Text()
    {
        var environment = _emulator.ProcessEnvironment(_folder.TokenPath);
        environment["TEST_CODE"] = await _emulator.Control.NewCodeAsync(_emulator.RestApiKey);
        environment["TZ"] = "Asia/Seoul";
        const string script = """
            $context = Connect-Kakao -Code $env:TEST_CODE
            "offsets=$($context.AccessTokenExpiresAt.Offset)|$($context.RefreshTokenExpiresAt.Offset)"
            $check = Test-KakaoConnection | Where-Object Check -eq AccessToken
            "check=$($check.Message)"
            "expected=Valid until $($context.AccessTokenExpiresAt.ToString('yyyy-MM-dd HH:mm'))."
            $held = 1..2 | ForEach-Object { Send-KakaoMemo 'disk 91%' -Throttle 01:00:00 } | Select-Object -Last 1
            "held=$($held.Suppressed)|$($null -eq $held.SentAt)"
            "held view=$(($held | Out-String -Width 200) -match '0001')"
            $feed = New-KakaoFeedTemplate "빌드 #42`n통과" -WebUrl https://example.com/42 | Send-KakaoMemo
            "feed=$($feed.Text)|$($feed.SentAt.Offset)"
            $list = New-KakaoListTemplate '오늘의 배포' -Content @{ Title = 'api' }, @{ Title = 'web' } | Send-KakaoMemo
            "list=$($list.Text)"
            """;

        var lines = (await PwshProcess.RunAsync(script, environment)).Succeeded().Output
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

        Assert.Equal("offsets=09:00:00|09:00:00", lines[0]);
        Assert.Equal(lines[2].Substring("expected=".Length), lines[1].Substring("check=".Length));
        Assert.Equal("held=True|True", lines[3]);
        Assert.Equal("held view=False", lines[4]);
        Assert.Equal("feed=빌드 #42 ↵ 통과|09:00:00", lines[5]);
        Assert.Equal("list=오늘의 배포", lines[6]);
    }
}
