namespace KakaoPS.Emulator.State;

/// <summary>One line of the request log. Secret-bearing query values are already masked.</summary>
public sealed record LoggedRequest(string Method, string Path, string Query, int Status, string? GrantType, DateTimeOffset At);

/// <summary>The requests Kakao's side received, oldest first, for tests that check what a client sent.</summary>
public sealed class RequestLog
{
    private readonly Lock _gate = new();
    private readonly List<LoggedRequest> _entries = [];

    public void Add(LoggedRequest entry)
    {
        lock (_gate) _entries.Add(entry);
    }

    public IReadOnlyList<LoggedRequest> All()
    {
        lock (_gate) return [.. _entries];
    }

    public void Reset()
    {
        lock (_gate) _entries.Clear();
    }
}
