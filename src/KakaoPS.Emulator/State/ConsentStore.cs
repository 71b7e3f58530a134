namespace KakaoPS.Emulator.State;

/// <summary>A user's link to an app: when it was made and which consent items the user has agreed to.</summary>
public sealed class UserLink(DateTimeOffset connectedAt)
{
    public DateTimeOffset ConnectedAt { get; } = connectedAt;
    public HashSet<string> Agreed { get; } = new(StringComparer.Ordinal);
}

/// <summary>Who has linked to which app and agreed to what. A missing link means the user never consented.</summary>
public sealed class ConsentStore(EmulatorClock clock)
{
    private readonly Dictionary<(string App, long User), UserLink> _links = new();
    private readonly Lock _gate = new();

    public bool IsLinked(string app, long user)
    {
        lock (_gate) return _links.ContainsKey((app, user));
    }

    public DateTimeOffset? ConnectedAt(string app, long user)
    {
        lock (_gate) return _links.TryGetValue((app, user), out var link) ? link.ConnectedAt : null;
    }

    /// <summary>A copy of the agreed ids; empty when the user is not linked.</summary>
    public IReadOnlySet<string> Agreed(string app, long user)
    {
        lock (_gate) return _links.TryGetValue((app, user), out var link) ? link.Agreed.ToHashSet() : new HashSet<string>();
    }

    /// <summary>Links the user if needed and records the agreement.</summary>
    public void Agree(string app, long user, IEnumerable<string> scopes)
    {
        lock (_gate)
        {
            var link = GetOrLink(app, user);
            link.Agreed.UnionWith(scopes);
        }
    }

    public void Withdraw(string app, long user, IEnumerable<string> scopes)
    {
        lock (_gate)
            if (_links.TryGetValue((app, user), out var link))
                link.Agreed.ExceptWith(scopes);
    }

    /// <summary>Unlinking removes every agreement; the next login shows the consent page again.</summary>
    public void Unlink(string app, long user)
    {
        lock (_gate) _links.Remove((app, user));
    }

    public void Reset()
    {
        lock (_gate) _links.Clear();
    }

    private UserLink GetOrLink(string app, long user)
    {
        if (!_links.TryGetValue((app, user), out var link))
            _links[(app, user)] = link = new UserLink(clock.UtcNow);
        return link;
    }
}
