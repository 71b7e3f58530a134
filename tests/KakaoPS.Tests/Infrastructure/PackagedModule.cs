using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Reflection;

namespace KakaoPS.Tests.Infrastructure;

/// <summary>
/// The module as users get it: the .nupkg of build.ps1 -Task Package (what Publish-PSResource
/// pushes), unpacked once per test run.
/// </summary>
public static class PackagedModule
{
    private static readonly Lazy<string> Unpacked = new(Unpack);

    /// <summary>The unpacked package: the manifest at the top, one folder per kind of PowerShell.</summary>
    public static string Folder => Unpacked.Value;

    /// <summary>The folder NuGet restores packages into, as the test build saw it.</summary>
    public static string NuGetPackageRoot { get; } = typeof(PackagedModule).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "NuGetPackageRoot").Value!;

    private static string Unpack()
    {
        var repository = Path.Combine(Repository.Root, "out", "repository");
        var package = Directory.Exists(repository) ? Directory.GetFiles(repository, "KakaoPS.*.nupkg").SingleOrDefault() : null;
        if (package == null)
        {
            throw new InvalidOperationException($"No KakaoPS package in {repository}. Run: dotnet pwsh ./build.ps1 -Task Package");
        }

        // Under out/, unpacked afresh by each test run.
        var folder = Path.Combine(Repository.Root, "out", "test-package");
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        ZipFile.ExtractToDirectory(package, folder);
        return folder;
    }
}
