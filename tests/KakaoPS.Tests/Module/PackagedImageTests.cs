using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Runtime.InteropServices;
using KakaoPS.PowerShellAdapter;
using KakaoPS.Tests.Infrastructure;

namespace KakaoPS.Tests.Module;

/// <summary>
/// The PE and CLI headers of every assembly in the package, read as each promised system's loader
/// reads them: an image with native code (ReadyToRun) loads only on the OS and CPU it was compiled
/// for (Windows' loader and CoreCLR on Linux and macOS refuse it elsewhere), .NET Framework cannot
/// run such code at all, and a 32-bit-only image does not load in a 64-bit PowerShell. So every
/// assembly is plain IL but the copies of KakaoPS.Core in Core/&lt;runtime&gt;/, each compiled for the
/// one system whose PowerShell loads it (PowerShellAdapter/CompiledCore).
/// </summary>
public sealed class PackagedImageTests
{
    /// <summary>The systems the package carries compiled code for, and the PE machine each loader accepts.</summary>
    public static TheoryData<string, Machine> CompiledRuntimes => new()
    {
        { "linux-x64", (Machine)((int)Machine.Amd64 ^ LinuxOverride) },
        { "linux-arm64", (Machine)((int)Machine.Arm64 ^ LinuxOverride) },
        { "osx-x64", (Machine)((int)Machine.Amd64 ^ AppleOverride) },
        { "osx-arm64", (Machine)((int)Machine.Arm64 ^ AppleOverride) },
        { "win-x64", Machine.Amd64 },
        { "win-arm64", Machine.Arm64 },
        { "win-x86", Machine.I386 },
    };

    // .NET marks an image compiled for Linux or macOS by XOR-ing its PE machine with these.
    private const int LinuxOverride = 0x7B79;
    private const int AppleOverride = 0x4644;

    [Fact]
    public void Every_assembly_but_the_compiled_cores_is_plain_IL_for_any_OS_and_CPU()
    {
        var files = Assemblies("").Where(f => !IsCompiledCore(f)).Select(Named).ToList();
        Assert.Contains("KakaoPS.dll", files);
        Assert.Contains("Core/KakaoPS.Core.dll", files);
        Assert.Contains("Desktop/KakaoPS.Core.dll", files);
        foreach (var name in files)
        {
            using var image = new PEReader(File.OpenRead(Path.Combine(PackagedModule.Folder, name)));
            var headers = image.PEHeaders;

            Assert.True(headers.CorHeader != null, $"{name} is not a .NET assembly");
            Assert.True(headers.CorHeader!.Flags.HasFlag(CorFlags.ILOnly), $"{name} holds native code, which another OS or CPU refuses");
            Assert.Equal(0, headers.CorHeader.ManagedNativeHeaderDirectory.Size);
            Assert.False(headers.CorHeader.Flags.HasFlag(CorFlags.Requires32Bit), $"{name} needs a 32-bit process");
            Assert.True(headers.CoffHeader.Machine == Machine.I386, $"{name} is for {headers.CoffHeader.Machine} only");
            Assert.Equal("v4.0.30319", image.GetMetadataReader().MetadataVersion);
        }
    }

    [Theory]
    [MemberData(nameof(CompiledRuntimes))]
    public void Each_compiled_core_is_the_plain_core_compiled_for_its_system_only(string runtime, Machine machine)
    {
        var compiled = Path.Combine(PackagedModule.Folder, "Core", runtime, "KakaoPS.Core.dll");
        var plain = Path.Combine(PackagedModule.Folder, "Core", "KakaoPS.Core.dll");
        Assert.True(File.Exists(compiled), $"Core/{runtime}/KakaoPS.Core.dll is not in the package");

        using var image = new PEReader(File.OpenRead(compiled));
        Assert.True(image.PEHeaders.CorHeader!.ManagedNativeHeaderDirectory.Size > 0, $"Core/{runtime}/KakaoPS.Core.dll holds no compiled code");
        Assert.Equal(machine, image.PEHeaders.CoffHeader.Machine);
        Assert.Equal(ModuleVersionId(plain), ModuleVersionId(compiled));

        // Its Korean messages lie beside it, where .NET looks for them.
        Assert.True(File.Exists(Path.Combine(PackagedModule.Folder, "Core", runtime, "ko-KR", "KakaoPS.Core.resources.dll")));

        // The folder is the one CompiledCore picks on that system, and on no other.
        var (windows, linux, macOS, cpu) = SystemOf(runtime);
        Assert.Equal(runtime, CompiledCore.RuntimeFolder(windows, linux, macOS, cpu));
    }

    [Fact]
    public void Compiled_code_lies_only_in_the_folders_of_the_systems_it_is_for()
    {
        var folders = Directory.GetDirectories(Path.Combine(PackagedModule.Folder, "Core"))
            .Select(Path.GetFileName)
            .Where(name => name != "ko-KR")
            .Order(StringComparer.Ordinal);
        var expected = CompiledRuntimes.Select(row => (string)row[0]).Order(StringComparer.Ordinal);
        Assert.Equal(expected, folders);
        Assert.Empty(Directory.GetDirectories(Path.Combine(PackagedModule.Folder, "Desktop")).Where(d => Path.GetFileName(d) != "ko-KR"));
    }

    [Fact]
    public void The_loader_check_tells_this_systems_image_from_the_others()
    {
        var thisSystem = CompiledCore.PathIn(Path.Combine(PackagedModule.Folder, "Core"));
        Assert.NotNull(thisSystem);
        Assert.Equal(CompiledCore.NativeMachine(RuntimeInformation.ProcessArchitecture), CompiledCore.PeMachine(thisSystem!));

        foreach (var other in CompiledRuntimes.Select(row => (string)row[0]).Where(r => r != Path.GetFileName(Path.GetDirectoryName(thisSystem))))
        {
            var machine = CompiledCore.PeMachine(Path.Combine(PackagedModule.Folder, "Core", other, "KakaoPS.Core.dll"));
            Assert.NotNull(machine);
            Assert.NotEqual(CompiledCore.NativeMachine(RuntimeInformation.ProcessArchitecture), machine);
        }

        Assert.Null(CompiledCore.PeMachine(Path.Combine(PackagedModule.Folder, "KakaoPS.psd1")));
    }

    [Fact]
    public void Only_the_core_at_the_version_the_module_was_built_against_is_loaded()
    {
        var module = typeof(CompiledCore).Assembly;
        var shipped = System.Reflection.AssemblyName.GetAssemblyName(Path.Combine(PackagedModule.Folder, "Core", "linux-x64", "KakaoPS.Core.dll"));
        Assert.True(CompiledCore.IsTheCoreOf(shipped, module));

        var older = (System.Reflection.AssemblyName)shipped.Clone();
        older.Version = new Version(0, 3, 1, 0);
        Assert.False(CompiledCore.IsTheCoreOf(older, module));
        Assert.False(CompiledCore.IsTheCoreOf(new System.Reflection.AssemblyName("System.Text.Json") { Version = shipped.Version }, module));
    }

    [Theory]
    [InlineData(true, false, false, Architecture.Arm, null)]
    [InlineData(false, false, false, Architecture.X64, null)]
    [InlineData(false, true, false, Architecture.S390x, null)]
    [InlineData(false, true, false, Architecture.X86, "linux-x86")]
    public void A_system_without_a_compiled_core_gets_the_plain_one(bool windows, bool linux, bool macOS, Architecture cpu, string? folder)
    {
        Assert.Equal(folder, CompiledCore.RuntimeFolder(windows, linux, macOS, cpu));
        if (folder != null)
        {
            Assert.False(Directory.Exists(Path.Combine(PackagedModule.Folder, "Core", folder)));
        }
    }

    [Theory]
    [InlineData(true, "Desktop")]
    [InlineData(false, "Core")]
    public void The_manifest_names_the_module_as_a_constant_and_each_edition_finds_its_core(bool onNetFramework, string folder)
    {
        var manifest = Parser.ParseFile(Path.Combine(PackagedModule.Folder, "KakaoPS.psd1"), out _, out var errors);
        Assert.Empty(errors);
        var table = (HashtableAst)manifest.Find(a => a is HashtableAst, searchNestedScriptBlocks: false)!;
        var rootModule = table.KeyValuePairs.Single(p => p.Item1.Extent.Text == "RootModule").Item2;

        // A constant: PowerShell evaluates an expression (even "$PSEdition/...") on every import.
        var constant = rootModule.Find(a => a is StringConstantExpressionAst, searchNestedScriptBlocks: false) as StringConstantExpressionAst;
        Assert.Equal("'KakaoPS.dll'", rootModule.Extent.Text);
        Assert.Equal("KakaoPS.dll", constant?.Value);
        Assert.True(File.Exists(Path.Combine(PackagedModule.Folder, "KakaoPS.dll")));

        Assert.Equal(folder, ModuleSetup.DependencyFolder(onNetFramework));
        Assert.NotNull(new DependencyResolver(Path.Combine(PackagedModule.Folder, folder)).PathFor(typeof(CompiledCore).Assembly.GetReferencedAssemblies().Single(a => a.Name == CompiledCore.AssemblyName)));
    }

    [Fact]
    public void PowerShell_7_4_gets_nothing_newer_than_its_NET_8()
    {
        var module = Path.Combine(PackagedModule.Folder, "KakaoPS.dll");
        foreach (var folder in new[] { "Core" })
        {
            var shipped = Assemblies(folder).Append(module).Select(f => Path.GetFileNameWithoutExtension(f)).ToHashSet(StringComparer.OrdinalIgnoreCase);
            foreach (var file in Assemblies(folder).Append(module))
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

    private static (bool Windows, bool Linux, bool MacOS, Architecture Cpu) SystemOf(string runtime)
    {
        var parts = runtime.Split('-');
        var cpu = parts[1] switch { "x64" => Architecture.X64, "arm64" => Architecture.Arm64, _ => Architecture.X86 };
        return (parts[0] == "win", parts[0] == "linux", parts[0] == "osx", cpu);
    }

    private static bool IsCompiledCore(string file) =>
        Path.GetFileName(file) == "KakaoPS.Core.dll" && CompiledRuntimes.Any(row => Path.GetFileName(Path.GetDirectoryName(file)) == (string)row[0]);

    private static Guid ModuleVersionId(string file)
    {
        using var image = new PEReader(File.OpenRead(file));
        var metadata = image.GetMetadataReader();
        return metadata.GetGuid(metadata.GetModuleDefinition().Mvid);
    }

    private static string Named(string file) => Path.GetRelativePath(PackagedModule.Folder, file).Replace('\\', '/');

    internal static IReadOnlyList<string> Assemblies(string folder) =>
        Directory.GetFiles(Path.Combine(PackagedModule.Folder, folder), "*.dll", SearchOption.AllDirectories);

    private static string Identity(string file) => System.Reflection.AssemblyName.GetAssemblyName(file).FullName;
}
