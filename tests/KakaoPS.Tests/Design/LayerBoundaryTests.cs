using System;
using System.IO;
using System.Linq;
using KakaoPS.Commands.Base;
using KakaoPS.Session;
using KakaoPS.Tests.Infrastructure;

namespace KakaoPS.Tests.Design;

/// <summary>
/// Only the cmdlets (Commands/) and the adapter (PowerShellAdapter/) know PowerShell, and they alone
/// make the module's own assembly; the core is KakaoPS.Core, plain .NET, tested without a runspace.
/// </summary>
public sealed class LayerBoundaryTests
{
    private static readonly string[] PowerShellFolders = { "Commands", "PowerShellAdapter" };

    [Fact]
    public void The_core_does_not_reference_PowerShell()
    {
        var references = typeof(KakaoSession).Assembly.GetReferencedAssemblies().Select(a => a.Name).ToArray();
        Assert.DoesNotContain("System.Management.Automation", references);
        Assert.DoesNotContain("KakaoPS", references);

        var offenders = CodeFiles(Repository.CoreSource)
            .Where(file => File.ReadAllText(file).Contains("System.Management.Automation", StringComparison.Ordinal))
            .Select(file => Path.GetRelativePath(Repository.CoreSource, file))
            .ToList();
        Assert.True(offenders.Count == 0, "The core names PowerShell in: " + string.Join(", ", offenders));
    }

    [Fact]
    public void The_module_assembly_holds_only_the_cmdlets_and_the_adapter()
    {
        var source = Repository.ModuleSources[0];
        Assert.Contains("System.Management.Automation", typeof(KakaoCmdlet).Assembly.GetReferencedAssemblies().Select(a => a.Name));
        var elsewhere = CodeFiles(source)
            .Where(file => !PowerShellFolders.Contains(TopFolder(source, file)))
            .Select(file => Path.GetRelativePath(source, file))
            .ToList();

        Assert.True(elsewhere.Count == 0, "Core code in the module's own assembly (move it to src/KakaoPS.Core): " + string.Join(", ", elsewhere));
    }

    [Fact]
    public void Every_file_declares_the_namespace_of_its_folder()
    {
        var wrong = Repository.ModuleSources
            .SelectMany(source => CodeFiles(source).Where(file =>
            {
                var folder = Path.GetDirectoryName(Path.GetRelativePath(source, file))!;
                var expected = "namespace KakaoPS" + (folder.Length == 0 ? "" : "." + folder.Replace(Path.DirectorySeparatorChar, '.'));
                return !File.ReadLines(file).Any(line => line.Trim() == expected || line.Trim() == expected + ";");
            }))
            .Select(file => Path.GetRelativePath(Repository.Root, file))
            .ToList();

        Assert.True(wrong.Count == 0, "Folder and namespace differ in: " + string.Join(", ", wrong));
    }

    private static string[] CodeFiles(string source) => Directory.EnumerateFiles(source, "*.cs", SearchOption.AllDirectories)
        .Where(file => TopFolder(source, file) is not ("bin" or "obj"))
        .ToArray();

    private static string TopFolder(string source, string file) =>
        Path.GetRelativePath(source, file).Split(Path.DirectorySeparatorChar)[0];
}
