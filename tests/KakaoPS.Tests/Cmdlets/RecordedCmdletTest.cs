using System.Collections.Generic;
using System.Threading.Tasks;
using KakaoPS.Tests.Infrastructure;

namespace KakaoPS.Tests.Cmdlets;

/// <summary>
/// A cmdlet test that runs its scripts with verbose and debug output on, keeps everything a user
/// would see, and fails at the end if any token the emulator issued shows up in it.
/// </summary>
public abstract class RecordedCmdletTest : CmdletTest
{
    private readonly List<string> _transcript = new();

    protected RecordedCmdletTest(CmdletEnvironment environment) : base(environment)
    {
    }

    /// <summary>Runs <paramref name="script"/> with -Verbose and -Debug in effect and records its streams.</summary>
    protected ScriptResult Run(string script, params object[] arguments)
    {
        var result = Shell.Run("$VerbosePreference = 'Continue'; $DebugPreference = 'Continue'; " + script, arguments);
        Record(result.Transcript());
        return result;
    }

    protected void Record(IEnumerable<string> text) => _transcript.AddRange(text);

    public override async Task DisposeAsync()
    {
        var tokens = await Control.IssuedTokensAsync();
        var leaks = IssuedTokenLog.Leaks(tokens, _transcript);
        Assert.True(leaks.Count == 0, $"{leaks.Count} issued token(s) appeared in what the test's scripts showed (not printed here).");
        await base.DisposeAsync();
    }
}
