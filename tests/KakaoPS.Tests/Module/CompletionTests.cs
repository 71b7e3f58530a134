using System.Collections.Generic;
using System.Threading.Tasks;
using KakaoPS.Tests.Infrastructure;

namespace KakaoPS.Tests.Module;

/// <summary>Tab completion as a user gets it: TabExpansion2 in a pwsh that imported the module.</summary>
public sealed class CompletionTests
{
    [Fact]
    public async Task Consent_ids_and_overflow_modes_complete()
    {
        const string script = """
            foreach ($line in 'Get-KakaoScope -Id talk_m', 'Get-KakaoAuthUrl -Scope talk_message,profile_', 'Connect-Kakao -Scope talk_message,profile_', 'Get-KakaoScope 메시지', 'Get-KakaoScope -Id ', 'Send-KakaoMemo -Overflow Sp') {
                "$line => $((TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText -join ',')"
            }
            """;

        var output = (await PwshProcess.RunAsync(script, new Dictionary<string, string?>())).Succeeded().Output;

        Assert.Contains("Get-KakaoScope -Id talk_m => talk_message\n", output);
        Assert.Contains("Get-KakaoAuthUrl -Scope talk_message,profile_ => profile_nickname,profile_image\n", output);
        Assert.Contains("Connect-Kakao -Scope talk_message,profile_ => profile_nickname,profile_image\n", output);
        Assert.Contains("Get-KakaoScope 메시지 => talk_message\n", output);
        Assert.Contains("Get-KakaoScope -Id  => talk_message,profile_nickname,profile_image,account_email,friends,", output);
        Assert.Contains("Send-KakaoMemo -Overflow Sp => Split\n", output);
    }
}
