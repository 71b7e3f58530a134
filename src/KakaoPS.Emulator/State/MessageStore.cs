using System.Text.Json;

namespace KakaoPS.Emulator.State;

/// <summary>A memo the emulator accepted. <see cref="TemplateObject"/> is the form value exactly as received.</summary>
public sealed record ReceivedMessage(
    int Id, string Endpoint, string ClientId, long UserId,
    string? TemplateObject, long? TemplateId, string? TemplateArgs, string? RequestUrl,
    DateTimeOffset ReceivedAt,
    /// <summary>The template the inbox draws: the default template, or a console template with its arguments filled in.</summary>
    JsonElement Rendered);

/// <summary>The "나와의 채팅" of every user, and the daily quota count derived from it.</summary>
public sealed class MessageStore(EmulatorClock clock)
{
    /// <summary>Kakao's daily quotas reset at midnight Korea time.</summary>
    private static readonly TimeSpan KoreaOffset = TimeSpan.FromHours(9);

    private readonly Lock _gate = new();
    private readonly List<ReceivedMessage> _messages = [];

    public IReadOnlyList<ReceivedMessage> All()
    {
        lock (_gate) return [.. _messages];
    }

    /// <summary>Records the message unless the app already used its daily quota; returns null when over quota.</summary>
    public ReceivedMessage? TryRecord(EmulatorApp app, string endpoint, long userId, string? templateObject,
        long? templateId, string? templateArgs, string? requestUrl, JsonElement rendered)
    {
        var now = clock.UtcNow;
        var today = KoreaDate(now);
        lock (_gate)
        {
            if (app.DailyQuota is { } quota &&
                _messages.Count(m => m.ClientId == app.RestApiKey && KoreaDate(m.ReceivedAt) == today) >= quota)
                return null;

            var message = new ReceivedMessage(_messages.Count + 1, endpoint, app.RestApiKey, userId,
                templateObject, templateId, templateArgs, requestUrl, now, rendered.Clone());
            _messages.Add(message);
            return message;
        }
    }

    public void Reset()
    {
        lock (_gate) _messages.Clear();
    }

    private static DateOnly KoreaDate(DateTimeOffset at) => DateOnly.FromDateTime(at.ToOffset(KoreaOffset).DateTime);
}
