using System;
using System.IO;

namespace KakaoPS.Tests.Infrastructure;

/// <summary>Paths in the repository the tests run from.</summary>
public static class Repository
{
    public static string Root { get; } = FindRoot();

    /// <summary>The module's source: its own assembly (the cmdlets and the adapter) and KakaoPS.Core.</summary>
    public static string[] ModuleSources { get; } = { Path.Combine(Root, "src", "KakaoPS"), CoreSource };

    /// <summary>KakaoPS.Core's source, which holds the resources.</summary>
    public static string CoreSource => Path.Combine(Root, "src", "KakaoPS.Core");

    /// <summary>The module as build.ps1 publishes it.</summary>
    public static string PublishedManifest => Path.Combine(Root, "out", "KakaoPS", "KakaoPS.psd1");

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder != null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "KakaoPS.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("KakaoPS.sln not found above " + AppContext.BaseDirectory);
    }
}
