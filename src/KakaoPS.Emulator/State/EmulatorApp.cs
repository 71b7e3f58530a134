using System.Text.Json;

namespace KakaoPS.Emulator.State;

/// <summary>Token-issuance limits (KOE237); Kakao's are 20 access tokens / 10 min and 30 refreshes / 60 min per user.</summary>
public sealed record RateLimitSettings(bool Enabled = true, int AccessTokensPer10Minutes = 20, int RefreshesPer60Minutes = 30);

/// <summary>An app registered on developers.kakao.com, reduced to the settings that change API behaviour.</summary>
public sealed record EmulatorApp
{
    public required string RestApiKey { get; init; }
    public long AppId { get; init; }
    public string Name { get; init; } = EmulatorDefaults.AppName;
    /// <summary>Null when the client secret is OFF.</summary>
    public string? ClientSecret { get; init; }
    public IReadOnlyList<string> RedirectUris { get; init; } = EmulatorDefaults.RedirectUris;
    public IReadOnlyList<ConsentItem> ConsentItems { get; init; } = ConsentCatalog.DefaultItems();
    public bool AutoConsent { get; init; }
    public int AccessTokenLifetime { get; init; } = EmulatorDefaults.AccessTokenLifetimeSeconds;
    public int RefreshTokenLifetime { get; init; } = EmulatorDefaults.RefreshTokenLifetimeSeconds;
    /// <summary>Successful memo sends allowed per day (KST); null = unlimited.</summary>
    public int? DailyQuota { get; init; } = EmulatorDefaults.DailyMessageQuota;
    public RateLimitSettings RateLimits { get; init; } = new();
    /// <summary>Message templates built in the console, by template id.</summary>
    public IReadOnlyDictionary<long, JsonElement> Templates { get; init; } = new Dictionary<long, JsonElement>();
    /// <summary>Registered web domains (scheme://host[:port]) that scrap sends may use.</summary>
    public IReadOnlyList<string> WebDomains { get; init; } = EmulatorDefaults.WebDomains;

    public bool TalkMessageEnabled => ConsentItems.Any(item => item.Id == ConsentItem.TalkMessage);

    public ConsentItem? FindConsentItem(string id) => ConsentItems.FirstOrDefault(item => item.Id == id);
}
