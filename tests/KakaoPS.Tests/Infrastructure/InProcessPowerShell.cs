using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;

namespace KakaoPS.Tests.Infrastructure;

/// <summary>A runspace with KakaoPS imported, running scripts the way a user would type them.</summary>
public sealed class InProcessPowerShell : IDisposable
{
    private readonly Runspace _runspace;

    public InProcessPowerShell(string location)
    {
        var state = InitialSessionState.CreateDefault2();
        state.ImportPSModule(System.IO.Path.Combine(AppContext.BaseDirectory, "KakaoPS.psd1"));
        _runspace = RunspaceFactory.CreateRunspace(state);
        _runspace.Open();
        Run("Set-Location -LiteralPath $args[0]", location);
    }

    /// <summary>A PowerShell on this runspace, for tests that start and stop it themselves.</summary>
    public PowerShell Create(string script, params object[] arguments)
    {
        var shell = PowerShell.Create();
        shell.Runspace = _runspace;
        shell.AddScript(script);
        foreach (var argument in arguments)
        {
            shell.AddArgument(argument);
        }

        return shell;
    }

    public ScriptResult Run(string script, params object[] arguments)
    {
        using var shell = Create(script, arguments);

        Collection<PSObject> output;
        Exception? terminating = null;
        try
        {
            output = shell.Invoke();
        }
        catch (RuntimeException e)
        {
            output = new Collection<PSObject>();
            terminating = e;
        }

        return new ScriptResult(
            output.Select(o => o?.BaseObject).ToList(),
            shell.Streams.Error.ToList(),
            shell.Streams.Warning.Select(w => w.Message).ToList(),
            shell.Streams.Verbose.Select(v => v.Message).ToList(),
            terminating)
        {
            Debug = shell.Streams.Debug.Select(d => d.Message).ToList(),
            Progress = shell.Streams.Progress.ToList(),
            Information = shell.Streams.Information.ToList(),
        };
    }

    public void Dispose() => _runspace.Dispose();
}

public sealed record ScriptResult(List<object?> Output, List<ErrorRecord> Errors, List<string> Warnings, List<string> Verbose, Exception? Terminating)
{
    public List<string> Debug { get; init; } = new();

    public List<ProgressRecord> Progress { get; init; } = new();

    public List<InformationRecord> Information { get; init; } = new();

    /// <summary>Everything a user could see of the run: objects, every stream, errors with their details.</summary>
    public IEnumerable<string> Transcript() =>
        Output.Select(o => o?.ToString() ?? string.Empty)
            .Concat(Errors.SelectMany(e => new[] { e.ToString(), e.Exception?.ToString() ?? string.Empty, e.ErrorDetails?.RecommendedAction ?? string.Empty }))
            .Concat(Warnings).Concat(Verbose).Concat(Debug).Concat(Information.Select(i => i.MessageData?.ToString() ?? string.Empty))
            .Concat(new[] { Terminating?.ToString() ?? string.Empty });

    public T Single<T>() => Assert.IsType<T>(Assert.Single(Output));

    public IEnumerable<T> All<T>() => Output.Select(o => Assert.IsType<T>(o));

    /// <summary>Fails with the errors' text when the script did not run cleanly.</summary>
    public ScriptResult Succeeded()
    {
        Assert.True(Terminating == null && Errors.Count == 0,
            "The script failed: " + Terminating?.Message + string.Join(Environment.NewLine, Errors.Select(e => $"{e.FullyQualifiedErrorId}: {e}")));
        return this;
    }

    public ErrorRecord SingleError()
    {
        Assert.Null(Terminating);
        return Assert.Single(Errors);
    }
}
