using System;
using System.IO;
using System.Linq;
using KakaoPS.Tests.Infrastructure;

namespace KakaoPS.Tests.Design;

/// <summary>
/// Only the cmdlets (Commands/) and the adapter (PowerShellAdapter/) know PowerShell; the core
/// in every other folder is plain .NET, tested without a runspace.
/// </summary>
public sealed class LayerBoundaryTests
{
    private static readonly string[] PowerShellFolders = { "Commands", "PowerShellAdapter" };

    [Fact]
    public void Only_Commands_and_the_adapter_use_System_Management_Automation()
    {
        var source = Path.Combine(Repository.Root, "src", "KakaoPS");
        var offenders = Directory.EnumerateFiles(source, "*.cs", SearchOption.AllDirectories)
            .Where(file => !IsBuildOutput(source, file))
            .Where(file => !PowerShellFolders.Contains(TopFolder(source, file)))
            .Where(file => File.ReadAllText(file).Contains("System.Management.Automation", StringComparison.Ordinal))
            .Select(file => Path.GetRelativePath(source, file))
            .ToList();

        Assert.True(offenders.Count == 0, "The core references PowerShell in: " + string.Join(", ", offenders));
    }

    [Fact]
    public void Every_core_file_declares_the_namespace_of_its_folder()
    {
        var source = Path.Combine(Repository.Root, "src", "KakaoPS");
        var wrong = Directory.EnumerateFiles(source, "*.cs", SearchOption.AllDirectories)
            .Where(file => !IsBuildOutput(source, file))
            .Where(file =>
            {
                var folder = Path.GetDirectoryName(Path.GetRelativePath(source, file))!;
                var expected = "namespace KakaoPS" + (folder.Length == 0 ? "" : "." + folder.Replace(Path.DirectorySeparatorChar, '.'));
                return !File.ReadLines(file).Any(line => line.Trim() == expected || line.Trim() == expected + ";");
            })
            .Select(file => Path.GetRelativePath(source, file))
            .ToList();

        Assert.True(wrong.Count == 0, "Folder and namespace differ in: " + string.Join(", ", wrong));
    }

    private static string TopFolder(string source, string file) =>
        Path.GetRelativePath(source, file).Split(Path.DirectorySeparatorChar)[0];

    private static bool IsBuildOutput(string source, string file) => TopFolder(source, file) is "bin" or "obj";
}
