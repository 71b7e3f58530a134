using System;
using System.Threading.Tasks;
using KakaoPS.Tests.Infrastructure;

namespace KakaoPS.Tests.Cmdlets;

/// <summary>
/// In-process cmdlet tests share one emulator and the process environment that points KakaoPS
/// at it, so they run one at a time.
/// </summary>
[CollectionDefinition(Name)]
public sealed class CmdletCollection : ICollectionFixture<CmdletEnvironment>
{
    public const string Name = "In-process cmdlets";
}

public sealed class CmdletEnvironment : IAsyncLifetime
{
    public EmulatorFixture Emulator { get; } = new();

    public async Task InitializeAsync()
    {
        await Emulator.InitializeAsync();
        Environment.SetEnvironmentVariable("KAKAOPS_AUTH_URL", Emulator.BaseUrl);
        Environment.SetEnvironmentVariable("KAKAOPS_API_URL", Emulator.BaseUrl);
    }

    public async Task DisposeAsync()
    {
        Environment.SetEnvironmentVariable("KAKAOPS_AUTH_URL", null);
        Environment.SetEnvironmentVariable("KAKAOPS_API_URL", null);
        await Emulator.DisposeAsync();
    }
}

/// <summary>A test with a clean emulator, a folder of its own and a fresh runspace there.</summary>
public abstract class CmdletTest : IAsyncLifetime, IDisposable
{
    protected CmdletTest(CmdletEnvironment environment)
    {
        Emulator = environment.Emulator;
        // Every test has a token file (and pending logins) of its own, never the user's.
        Environment.SetEnvironmentVariable("KAKAOPS_TOKEN_PATH", Folder.TokenPath);
        Shell = new InProcessPowerShell(Folder.Path);
    }

    protected EmulatorFixture Emulator { get; }

    protected EmulatorControl Control => Emulator.Control;

    protected TempFolder Folder { get; } = new();

    protected InProcessPowerShell Shell { get; }

    protected string Key => Emulator.RestApiKey;

    public Task InitializeAsync() => Control.ResetAsync();

    public virtual Task DisposeAsync() => Task.CompletedTask;

    public virtual void Dispose()
    {
        Environment.SetEnvironmentVariable("KAKAOPS_TOKEN_PATH", null);
        Shell.Dispose();
        Folder.Dispose();
    }

    /// <summary>Logs in through the cmdlets as the lesson does: authorize URL, code, Connect-Kakao.</summary>
    protected async Task ConnectAsync(string? scope = null)
    {
        var code = await Control.NewCodeAsync(Key, scope: scope);
        Shell.Run("Connect-Kakao -Code $args[0] -RestApiKey $args[1] -TokenPath $args[2]", code, Key, Folder.TokenPath).Succeeded();
    }
}
