namespace KakaoPS.Emulator.State;

/// <summary>Authorization codes, access and refresh tokens, and the per-user issuance history behind KOE237.</summary>
public sealed class TokenStore(EmulatorClock clock)
{
    /// <summary>Kakao's code lifetime is not documented; 10 minutes is the common claim (UNCONFIRMED).</summary>
    public static readonly TimeSpan CodeLifetime = TimeSpan.FromMinutes(10);

    private readonly Lock _gate = new();
    private readonly Dictionary<string, AuthorizationCode> _codes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IssuedToken> _access = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IssuedToken> _refresh = new(StringComparer.Ordinal);
    private readonly List<string> _issued = [];
    private readonly Dictionary<(string App, long User), List<DateTimeOffset>> _accessIssues = new();
    private readonly Dictionary<(string App, long User), List<DateTimeOffset>> _refreshGrants = new();
    private int _refreshGrantCount;

    public string CreateCode(string clientId, string redirectUri, long userId, string? challenge, string challengeMethod)
    {
        var code = new AuthorizationCode(RandomToken.Create(), clientId, redirectUri, userId, challenge, challengeMethod,
            clock.UtcNow + CodeLifetime);
        lock (_gate) _codes[code.Value] = code;
        return code.Value;
    }

    /// <summary>Removes the code whatever happens next: a code is good for one exchange attempt only.</summary>
    public AuthorizationCode? TakeCode(string? value)
    {
        if (string.IsNullOrEmpty(value)) return null;
        lock (_gate)
        {
            if (!_codes.Remove(value, out var code)) return null;
            return code.ExpiresAt > clock.UtcNow ? code : null;
        }
    }

    public IssuedToken IssueAccess(string clientId, long userId, int lifetimeSeconds) =>
        Issue(_access, clientId, userId, lifetimeSeconds);

    public IssuedToken IssueRefresh(string clientId, long userId, int lifetimeSeconds) =>
        Issue(_refresh, clientId, userId, lifetimeSeconds);

    public IssuedToken? FindAccess(string? value) => Find(_access, value);

    public IssuedToken? FindRefresh(string? value) => Find(_refresh, value);

    /// <summary>Logout and unlink: every token of this user for this app stops working at once.</summary>
    public void RevokeAll(string clientId, long userId)
    {
        lock (_gate)
            foreach (var token in _access.Values.Concat(_refresh.Values))
                if (token.ClientId == clientId && token.UserId == userId)
                    token.Revoked = true;
    }

    /// <summary>Revokes one token; false when it was already revoked, so of two racing rotations only one wins.</summary>
    public bool TryRevoke(IssuedToken token)
    {
        lock (_gate)
        {
            if (token.Revoked) return false;
            token.Revoked = true;
            return true;
        }
    }

    /// <summary>Records an access-token issue (and a refresh grant) unless the user is over the app's limits.</summary>
    public bool TryRecordIssue(string clientId, long userId, bool isRefresh, RateLimitSettings limits)
    {
        var now = clock.UtcNow;
        lock (_gate)
        {
            var accessWindow = Window(_accessIssues, clientId, userId, now - TimeSpan.FromMinutes(10));
            var refreshWindow = Window(_refreshGrants, clientId, userId, now - TimeSpan.FromMinutes(60));
            if (limits.Enabled &&
                (accessWindow.Count >= limits.AccessTokensPer10Minutes ||
                 (isRefresh && refreshWindow.Count >= limits.RefreshesPer60Minutes)))
                return false;

            accessWindow.Add(now);
            if (isRefresh)
            {
                refreshWindow.Add(now);
                _refreshGrantCount++;
            }
            return true;
        }
    }

    public TokenCounts Counts()
    {
        lock (_gate) return new TokenCounts([.. _issued], _access.Count, _refreshGrantCount);
    }

    public void Reset()
    {
        lock (_gate)
        {
            _codes.Clear();
            _access.Clear();
            _refresh.Clear();
            _issued.Clear();
            _accessIssues.Clear();
            _refreshGrants.Clear();
            _refreshGrantCount = 0;
        }
    }

    private IssuedToken Issue(Dictionary<string, IssuedToken> store, string clientId, long userId, int lifetimeSeconds)
    {
        var token = new IssuedToken(RandomToken.Create(), clientId, userId, clock.UtcNow.AddSeconds(lifetimeSeconds));
        lock (_gate)
        {
            store[token.Value] = token;
            _issued.Add(token.Value);
        }
        return token;
    }

    private IssuedToken? Find(Dictionary<string, IssuedToken> store, string? value)
    {
        if (string.IsNullOrEmpty(value)) return null;
        lock (_gate) return store.TryGetValue(value, out var token) ? token : null;
    }

    private static List<DateTimeOffset> Window(
        Dictionary<(string, long), List<DateTimeOffset>> history, string clientId, long userId, DateTimeOffset since)
    {
        if (!history.TryGetValue((clientId, userId), out var list))
            history[(clientId, userId)] = list = [];
        list.RemoveAll(at => at <= since);
        return list;
    }
}

/// <summary>What <c>GET /_emulator/tokens</c> reports.</summary>
public sealed record TokenCounts(IReadOnlyList<string> Issued, int AccessTokensIssued, int RefreshGrants);
