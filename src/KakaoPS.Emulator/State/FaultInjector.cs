using System.Text.Json;

namespace KakaoPS.Emulator.State;

/// <summary>
/// A failure to serve instead of the real response. Status null (or 0) only delays and then answers normally;
/// <see cref="Drop"/> aborts the connection without any response; <see cref="AnswerDelayMs"/> acts on the
/// request at once and answers late.
/// </summary>
public sealed class Fault
{
    public string Path { get; set; } = "";
    public int Count { get; set; } = 1;
    public int? Status { get; set; }
    public string? Body { get; set; }
    public string? ContentType { get; set; }
    public int DelayMs { get; set; }
    /// <summary>Kakao has acted (a refresh token replaced) and its answer is on its way: the client that stops waiting loses it.</summary>
    public int AnswerDelayMs { get; set; }
    public bool Drop { get; set; }
    /// <summary>Value of a Retry-After header: seconds (number or string) or an HTTP date.</summary>
    public JsonElement? RetryAfter { get; set; }

    public string? RetryAfterHeader => RetryAfter switch
    {
        null or { ValueKind: JsonValueKind.Null } => null,
        { ValueKind: JsonValueKind.String } value => value.GetString(),
        var value => value.Value.GetRawText(),
    };
}

/// <summary>Faults queued per path; each matching request uses up one.</summary>
public sealed class FaultInjector
{
    private readonly Lock _gate = new();
    private readonly List<Fault> _faults = [];

    public void Add(Fault fault)
    {
        lock (_gate) _faults.Add(fault);
    }

    public Fault? TryTake(string path)
    {
        lock (_gate)
        {
            var fault = _faults.FirstOrDefault(f => string.Equals(f.Path, path, StringComparison.OrdinalIgnoreCase));
            if (fault is null) return null;
            if (--fault.Count <= 0) _faults.Remove(fault);
            return fault;
        }
    }

    public void Reset()
    {
        lock (_gate) _faults.Clear();
    }
}
