using System.Globalization;
using KakaoPS.Resources;

namespace KakaoPS.Core.Tests;

/// <summary>
/// One situation, one piece of advice, wherever it is met: a missing consent to talk_message (a -402,
/// the check of Test-KakaoConnection, the warning after a login) and a used authorization code.
/// </summary>
public sealed class OneAdvicePerSituationTests
{
    [Theory]
    [InlineData("en-US", "Connect-Kakao -Scope talk_message (or Get-KakaoAuthUrl -Scope talk_message -Open, then Connect-Kakao -RedirectedUrl '<the address bar>')", "Get-KakaoAuthUrl -Open, consent, then Connect-Kakao -RedirectedUrl '<the address bar>'")]
    [InlineData("ko-KR", "Connect-Kakao -Scope talk_message (또는 Get-KakaoAuthUrl -Scope talk_message -Open 후 Connect-Kakao -RedirectedUrl '<주소 표시줄의 주소>')", "Get-KakaoAuthUrl -Open으로 동의한 뒤 Connect-Kakao -RedirectedUrl '<주소 표시줄의 주소>'로 로그인하세요")]
    public void Missing_consent_and_a_used_code_get_the_same_advice_everywhere(string culture, string consent, string newCode)
    {
        var saved = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
            Assert.Contains(consent, ErrorCatalogMessages.Api402Action);
            Assert.Contains(consent, string.Format(CultureInfo.CurrentCulture, HttpMessages.ConsentToRequiredScopes, "talk_message", "talk_message"));
            Assert.Contains(consent, LoginMessages.NoTalkMessageConsent);
            Assert.Contains(consent, ConnectionCheckMessages.TalkMessageNotConsentedRemedy);
            Assert.Contains(newCode, ErrorCatalogMessages.KOE320Action);
            Assert.Contains(newCode, LoginMessages.AlreadyUsedAction);
        }
        finally
        {
            CultureInfo.CurrentUICulture = saved;
        }
    }
}
