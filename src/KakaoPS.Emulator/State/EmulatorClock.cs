namespace KakaoPS.Emulator.State;

/// <summary>The emulator's "now": real time plus an offset that tests move forward to expire tokens and codes.</summary>
public sealed class EmulatorClock
{
    private long _offsetTicks;

    public DateTimeOffset UtcNow => DateTimeOffset.UtcNow + TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    /// <summary>How far the clock may be from real time, either way: far enough for any token lifetime.</summary>
    public static readonly TimeSpan MaxOffset = TimeSpan.FromDays(365 * 100);

    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);

    /// <summary>Moves the clock unless <paramref name="seconds"/> is not finite or takes it past <see cref="MaxOffset"/>.</summary>
    public bool TryAdvance(double seconds)
    {
        if (!double.IsFinite(seconds) || Math.Abs(seconds) > MaxOffset.TotalSeconds) return false;
        var by = TimeSpan.FromSeconds(seconds).Ticks;
        while (true)
        {
            var current = Interlocked.Read(ref _offsetTicks);
            var next = current + by;
            if (Math.Abs(next) > MaxOffset.Ticks) return false;
            if (Interlocked.CompareExchange(ref _offsetTicks, next, current) == current) return true;
        }
    }

    public void Reset() => Interlocked.Exchange(ref _offsetTicks, 0);
}
