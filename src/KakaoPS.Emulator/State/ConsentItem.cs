namespace KakaoPS.Emulator.State;

/// <summary>A consent item (동의항목) an app has configured, as /v2/user/scopes reports it.</summary>
public sealed record ConsentItem(string Id, string DisplayName, string KoreanName, string Type, bool Required)
{
    public const string TalkMessage = "talk_message";
    public const string Privacy = "PRIVACY";
    public const string Service = "SERVICE";
}

/// <summary>Kakao's names for the consent items an app can enable; unknown ids fall back to their id.</summary>
public static class ConsentCatalog
{
    private static readonly Dictionary<string, (string English, string Korean, string Type)> Known = new()
    {
        ["profile_nickname"] = ("Nickname", "닉네임", ConsentItem.Privacy),
        ["profile_image"] = ("Profile image", "프로필 사진", ConsentItem.Privacy),
        ["account_email"] = ("Email", "카카오계정(이메일)", ConsentItem.Privacy),
        ["friends"] = ("Friends List in Kakao Service(Including profile image, nickname, and favorites)", "카카오 서비스 내 친구목록", ConsentItem.Privacy),
        [ConsentItem.TalkMessage] = ("Send message in KakaoTalk", "카카오톡 메시지 전송", ConsentItem.Service),
    };

    public static ConsentItem Create(string id, bool required, string? type = null, string? displayName = null)
    {
        var known = Known.TryGetValue(id, out var k) ? k : (id, id, ConsentItem.Privacy);
        return new ConsentItem(id, displayName ?? known.Item1, known.Item2, type ?? known.Item3, required);
    }

    public static IReadOnlyList<ConsentItem> DefaultItems() =>
    [
        Create("profile_nickname", required: true),
        Create("profile_image", required: true),
        Create(ConsentItem.TalkMessage, required: false),
    ];
}
