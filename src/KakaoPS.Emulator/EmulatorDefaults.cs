namespace KakaoPS.Emulator;

/// <summary>The values the emulator starts with when nothing else is configured.</summary>
public static class EmulatorDefaults
{
    public const string RestApiKey = "emulator-rest-api-key";
    public const string AppName = "KakaoPS Emulator";
    public const long AppId = 1000001;
    public const long UserId = 4000000001;
    public const string UserNickname = "에뮬레이터 사용자";

    /// <summary>Kakao's lifetimes for tokens issued to a REST API key (captured responses: 21599 / 5183999).</summary>
    public const int AccessTokenLifetimeSeconds = 21599;
    public const int RefreshTokenLifetimeSeconds = 5183999;

    /// <summary>Kakao's daily quota for KakaoTalk message sending.</summary>
    public const int DailyMessageQuota = 30000;

    public static readonly IReadOnlyList<string> RedirectUris =
    [
        "http://127.0.0.1",
        "http://localhost",
        "http://127.0.0.1:8400/callback",
        "http://localhost:8400/callback",
    ];

    public static readonly IReadOnlyList<string> WebDomains =
    [
        "http://127.0.0.1",
        "http://localhost",
        "https://example.com",
        "https://developers.kakao.com",
    ];
}
