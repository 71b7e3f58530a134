namespace KakaoPS.Emulator.Http;

/// <summary>
/// Replaces the console lifetime so an emulator hosted inside another process (a test run) never takes over
/// that process's Ctrl+C or SIGTERM; the emulator's own Program handles signals itself.
/// </summary>
internal sealed class HostLifetimeWithoutSignals : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
