namespace KakaoPS.Emulator.State;

/// <summary>Everything one emulator instance remembers; each host has its own, so hosts in one process never share.</summary>
public sealed class EmulatorState
{
    public EmulatorState(EmulatorOptions options)
    {
        Options = options;
        Apps = new AppRegistry(options);
        Consents = new ConsentStore(Clock);
        Tokens = new TokenStore(Clock);
        Messages = new MessageStore(Clock);
        Users.Reset();
    }

    public EmulatorOptions Options { get; }
    public EmulatorClock Clock { get; } = new();
    public AppRegistry Apps { get; }
    public UserRegistry Users { get; } = new();
    public ConsentStore Consents { get; }
    public TokenStore Tokens { get; }
    public MessageStore Messages { get; }
    public RequestLog Requests { get; } = new();
    public FaultInjector Faults { get; } = new();

    /// <summary>Back to the start state: configured apps only, no links, tokens, messages or faults, real time.</summary>
    public void Reset()
    {
        Clock.Reset();
        Apps.Reset();
        Users.Reset();
        Consents.Reset();
        Tokens.Reset();
        Messages.Reset();
        Requests.Reset();
        Faults.Reset();
    }
}
