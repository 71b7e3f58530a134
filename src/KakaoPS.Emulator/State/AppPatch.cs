using System.Text.Json;

namespace KakaoPS.Emulator.State;

/// <summary>
/// JSON shape used by <c>PUT /_emulator/apps/{key}</c> and the <c>--config</c> file: every field is optional and
/// only the fields present change the app.
/// </summary>
public sealed class AppPatch
{
    public string? RestApiKey { get; set; }
    public long? AppId { get; set; }
    public string? Name { get; set; }
    /// <summary>A value turns the secret ON; an empty string turns it OFF.</summary>
    public string? ClientSecret { get; set; }
    public List<string>? RedirectUris { get; set; }
    public List<ConsentItemPatch>? ConsentItems { get; set; }
    public bool? TalkMessageEnabled { get; set; }
    public bool? AutoConsent { get; set; }
    public int? AccessTokenLifetime { get; set; }
    public int? RefreshTokenLifetime { get; set; }
    /// <summary>0 or less means unlimited.</summary>
    public int? DailyQuota { get; set; }
    public RateLimitSettings? RateLimits { get; set; }
    public Dictionary<string, JsonElement>? Templates { get; set; }
    public List<string>? WebDomains { get; set; }

    public sealed class ConsentItemPatch
    {
        public string Id { get; set; } = "";
        public bool Required { get; set; }
        public string? Type { get; set; }
        public string? DisplayName { get; set; }
    }

    public EmulatorApp ApplyTo(EmulatorApp app)
    {
        var items = ConsentItems?.Select(i => ConsentCatalog.Create(i.Id, i.Required, i.Type, i.DisplayName)).ToList()
            ?? app.ConsentItems.ToList();
        if (TalkMessageEnabled == false)
            items.RemoveAll(i => i.Id == ConsentItem.TalkMessage);
        else if (TalkMessageEnabled == true && items.All(i => i.Id != ConsentItem.TalkMessage))
            items.Add(ConsentCatalog.Create(ConsentItem.TalkMessage, required: false));

        return app with
        {
            AppId = AppId ?? app.AppId,
            Name = Name ?? app.Name,
            ClientSecret = ClientSecret is null ? app.ClientSecret : ClientSecret.Length == 0 ? null : ClientSecret,
            RedirectUris = RedirectUris ?? app.RedirectUris,
            ConsentItems = items,
            AutoConsent = AutoConsent ?? app.AutoConsent,
            AccessTokenLifetime = AccessTokenLifetime ?? app.AccessTokenLifetime,
            RefreshTokenLifetime = RefreshTokenLifetime ?? app.RefreshTokenLifetime,
            DailyQuota = DailyQuota is null ? app.DailyQuota : DailyQuota > 0 ? DailyQuota : null,
            RateLimits = RateLimits ?? app.RateLimits,
            Templates = Templates is null ? app.Templates : ParseTemplateIds(Templates),
            WebDomains = WebDomains ?? app.WebDomains,
        };
    }

    private static Dictionary<long, JsonElement> ParseTemplateIds(Dictionary<string, JsonElement> templates) =>
        templates.ToDictionary(
            pair => long.TryParse(pair.Key, out var id) ? id : throw new FormatException($"Template id '{pair.Key}' is not a number."),
            pair => pair.Value.Clone());
}
