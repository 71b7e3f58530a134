using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using KakaoPS.Tests.Infrastructure;

namespace KakaoPS.Tests.Module;

/// <summary>
/// The PE and CLI headers of every assembly in the package, read as each promised system's loader
/// reads them: an image with native code (ReadyToRun) loads only on the OS and CPU it was compiled
/// for (Windows' loader and CoreCLR on Linux and macOS refuse it elsewhere), .NET Framework cannot
/// run such code at all, and a 32-bit-only image does not load in a 64-bit PowerShell.
/// </summary>
public sealed class PackagedImageTests
{
    public static TheoryData<string> EditionFolders => new() { "Core", "Desktop" };

    [Theory]
    [MemberData(nameof(EditionFolders))]
    public void Every_assembly_is_plain_IL_for_any_OS_and_CPU(string folder)
    {
        var files = Assemblies(folder);
        Assert.Contains(files, f => Path.GetFileName(f) == "KakaoPS.dll");
        foreach (var file in files)
        {
            using var image = new PEReader(File.OpenRead(file));
            var headers = image.PEHeaders;
            var name = $"{folder}/{Path.GetRelativePath(Path.Combine(PackagedModule.Folder, folder), file)}";

            Assert.True(headers.CorHeader != null, $"{name} is not a .NET assembly");
            Assert.True(headers.CorHeader!.Flags.HasFlag(CorFlags.ILOnly), $"{name} holds native code, which another OS or CPU refuses");
            Assert.Equal(0, headers.CorHeader.ManagedNativeHeaderDirectory.Size);
            Assert.False(headers.CorHeader.Flags.HasFlag(CorFlags.Requires32Bit), $"{name} needs a 32-bit process");
            Assert.True(headers.CoffHeader.Machine == Machine.I386, $"{name} is for {headers.CoffHeader.Machine} only");
            Assert.Equal("v4.0.30319", image.GetMetadataReader().MetadataVersion);
        }
    }

    [Theory]
    [InlineData("Desktop", "Windows_NT", "Desktop/KakaoPS.dll")]
    [InlineData("Core", "Windows_NT", "Core/KakaoPS.dll")]
    [InlineData("Core", null, "Core/KakaoPS.dll")]
    public void The_manifest_gives_each_system_the_folder_it_can_load(string edition, string? os, string expected)
    {
        var manifest = Parser.ParseFile(Path.Combine(PackagedModule.Folder, "KakaoPS.psd1"), out _, out var errors);
        Assert.Empty(errors);
        var table = (HashtableAst)manifest.Find(a => a is HashtableAst, searchNestedScriptBlocks: false)!;
        var rootModule = table.KeyValuePairs.Single(p => p.Item1.Extent.Text == "RootModule").Item2.Extent.Text;

        // The manifest's own expression, with this system's edition and $env:OS.
        var expression = rootModule
            .Replace("$PSEdition", "$edition", StringComparison.Ordinal)
            .Replace("$env:OS", "$os", StringComparison.Ordinal);
        using var powershell = PowerShell.Create();
        var chosen = powershell.AddScript($"param($edition, $os) {expression}").AddArgument(edition).AddArgument(os).Invoke().Single().ToString();

        Assert.Equal(expected, chosen);
        Assert.True(File.Exists(Path.Combine(PackagedModule.Folder, chosen)), $"{chosen} is not in the package");
    }

    [Fact]
    public void PowerShell_7_4_gets_nothing_newer_than_its_NET_8()
    {
        foreach (var folder in new[] { "Core" })
        {
            var shipped = Assemblies(folder).Select(f => Path.GetFileNameWithoutExtension(f)).ToHashSet(StringComparer.OrdinalIgnoreCase);
            foreach (var file in Assemblies(folder))
            {
                using var image = new PEReader(File.OpenRead(file));
                var metadata = image.GetMetadataReader();
                foreach (var handle in metadata.AssemblyReferences)
                {
                    var reference = metadata.GetAssemblyReference(handle);
                    var name = metadata.GetString(reference.Name);
                    if (!shipped.Contains(name))
                    {
                        Assert.True(reference.Version < new Version(9, 0), $"{folder}/{Path.GetFileName(file)} asks for {name} {reference.Version}, newer than PowerShell 7.4 has");
                    }
                }
            }
        }
    }

    internal static IReadOnlyList<string> Assemblies(string folder) =>
        Directory.GetFiles(Path.Combine(PackagedModule.Folder, folder), "*.dll", SearchOption.AllDirectories);

    private static string Identity(string file) => System.Reflection.AssemblyName.GetAssemblyName(file).FullName;
}
