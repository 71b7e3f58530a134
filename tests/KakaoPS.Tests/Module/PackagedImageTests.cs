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
/// reads them: Windows loads an assembly with native code through its own loader, which refuses an
/// image compiled for another OS or CPU; .NET Framework cannot run ReadyToRun code at all.
/// </summary>
public sealed class PackagedImageTests
{
    // crossgen2 marks a non-Windows target by XOR-ing the machine field with the OS.
    private const int LinuxMark = 0x7B79;
    private const int MacMark = 0x4644;

    public static TheoryData<string> WindowsFolders => new() { "Core", "Desktop" };

    [Theory]
    [MemberData(nameof(WindowsFolders))]
    public void Every_assembly_that_Windows_loads_is_plain_IL_for_any_CPU(string folder)
    {
        var files = Assemblies(folder);
        Assert.Contains(files, f => Path.GetFileName(f) == "KakaoPS.dll");
        foreach (var file in files)
        {
            using var image = new PEReader(File.OpenRead(file));
            var headers = image.PEHeaders;
            var name = $"{folder}/{Path.GetRelativePath(Path.Combine(PackagedModule.Folder, folder), file)}";

            Assert.True(headers.CorHeader != null, $"{name} is not a .NET assembly");
            Assert.True(headers.CorHeader!.Flags.HasFlag(CorFlags.ILOnly), $"{name} holds native code: Windows would refuse it on another CPU");
            Assert.Equal(0, headers.CorHeader.ManagedNativeHeaderDirectory.Size);
            Assert.False(headers.CorHeader.Flags.HasFlag(CorFlags.Requires32Bit), $"{name} needs a 32-bit process");
            Assert.True(headers.CoffHeader.Machine == Machine.I386, $"{name} is for {headers.CoffHeader.Machine} only");
            Assert.Equal("v4.0.30319", image.GetMetadataReader().MetadataVersion);
        }
    }

    [Fact]
    public void Unix_holds_the_same_assemblies_with_native_code_only_for_Linux_or_macOS()
    {
        var core = Assemblies("Core").Select(f => Path.GetRelativePath(Path.Combine(PackagedModule.Folder, "Core"), f)).Order();
        var unix = Assemblies("Unix").Select(f => Path.GetRelativePath(Path.Combine(PackagedModule.Folder, "Unix"), f)).Order();
        Assert.Equal(core, unix);

        foreach (var relative in unix)
        {
            var file = Path.Combine(PackagedModule.Folder, "Unix", relative);
            Assert.Equal(Identity(Path.Combine(PackagedModule.Folder, "Core", relative)), Identity(file));
            using var image = new PEReader(File.OpenRead(file));
            if (image.PEHeaders.CorHeader!.ManagedNativeHeaderDirectory.Size == 0)
            {
                continue;
            }

            var machine = (int)image.PEHeaders.CoffHeader.Machine;
            var os = new[] { LinuxMark, MacMark }.Where(mark => Enum.IsDefined((Machine)(machine ^ mark))).ToArray();
            Assert.True(os.Length == 1, $"Unix/{relative} holds native code for machine 0x{machine:X4}, which is not Linux or macOS");
        }
    }

    [Fact]
    public void This_build_compiles_Unix_ahead_of_time_for_this_machine_unless_it_is_Windows()
    {
        using var image = new PEReader(File.OpenRead(Path.Combine(PackagedModule.Folder, "Unix", "KakaoPS.dll")));
        if (OperatingSystem.IsWindows())
        {
            Assert.Equal(0, image.PEHeaders.CorHeader!.ManagedNativeHeaderDirectory.Size);
            return;
        }

        Assert.NotEqual(0, image.PEHeaders.CorHeader!.ManagedNativeHeaderDirectory.Size);
        var os = OperatingSystem.IsLinux() ? LinuxMark : OperatingSystem.IsMacOS() ? MacMark : 0;
        var cpu = System.Runtime.InteropServices.RuntimeInformation.OSArchitecture == System.Runtime.InteropServices.Architecture.Arm64 ? 0xAA64 : 0x8664;
        Assert.Equal(cpu ^ os, (int)image.PEHeaders.CoffHeader.Machine);
    }

    [Theory]
    [InlineData("Desktop", "Windows_NT", "Desktop/KakaoPS.dll")]
    [InlineData("Core", "Windows_NT", "Core/KakaoPS.dll")]
    [InlineData("Core", null, "Unix/KakaoPS.dll")]
    [InlineData("Core", "Linux", "Unix/KakaoPS.dll")]
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
        foreach (var folder in new[] { "Core", "Unix" })
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
