using System.Collections.Concurrent;
using System.Text.Json;

namespace KakaoPS.Emulator.State;

/// <summary>The registered apps: the default app from the options plus any from the config file or control API.</summary>
public sealed class AppRegistry
{
    private readonly EmulatorOptions _options;
    private readonly IReadOnlyList<AppPatch> _configApps;
    private readonly ConcurrentDictionary<string, EmulatorApp> _apps = new(StringComparer.Ordinal);
    private long _nextAppId;

    public AppRegistry(EmulatorOptions options)
    {
        _options = options;
        _configApps = options.ConfigPath is null ? [] : ReadConfig(options.ConfigPath);
        Reset();
    }

    public IEnumerable<EmulatorApp> All => _apps.Values.OrderBy(app => app.AppId);

    public EmulatorApp? Find(string? restApiKey) =>
        restApiKey is not null && _apps.TryGetValue(restApiKey, out var app) ? app : null;

    public EmulatorApp Upsert(string restApiKey, AppPatch patch) =>
        _apps.AddOrUpdate(
            restApiKey,
            key => patch.ApplyTo(new EmulatorApp { RestApiKey = key, AppId = Interlocked.Increment(ref _nextAppId), Name = key }),
            (_, existing) => patch.ApplyTo(existing));

    public void Reset()
    {
        _apps.Clear();
        _nextAppId = EmulatorDefaults.AppId;
        _apps[_options.RestApiKey] = new EmulatorApp
        {
            RestApiKey = _options.RestApiKey,
            AppId = EmulatorDefaults.AppId,
            ClientSecret = string.IsNullOrEmpty(_options.ClientSecret) ? null : _options.ClientSecret,
            AutoConsent = _options.AutoConsent,
        };
        foreach (var patch in _configApps)
            Upsert(patch.RestApiKey ?? throw new InvalidDataException("Every app in the config file needs a restApiKey."), patch);
    }

    /// <summary>Reads either a JSON array of apps or an object with an "apps" array.</summary>
    private static List<AppPatch> ReadConfig(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var apps = document.RootElement.ValueKind == JsonValueKind.Array
            ? document.RootElement
            : document.RootElement.GetProperty("apps");
        return apps.Deserialize<List<AppPatch>>(EmulatorJson.Control) ?? [];
    }
}
