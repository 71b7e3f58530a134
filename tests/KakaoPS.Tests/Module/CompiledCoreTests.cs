using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;
using System.Threading.Tasks;
using KakaoPS.PowerShellAdapter;
using KakaoPS.Tests.Infrastructure;

namespace KakaoPS.Tests.Module;

/// <summary>
/// PowerShell 7 runs the copy of KakaoPS.Core compiled for its OS and CPU (Core/&lt;runtime&gt;/), and
/// the plain one when the package has none for it or the copy cannot be loaded: the whole flow
/// works either way, in real `dotnet pwsh` processes.
/// </summary>
public sealed class CompiledCoreTests : IClassFixture<EmulatorFixture>, IDisposable
{
    // The login's key comes from a .env file, so a send also needs the core's own dependency (DotNetEnv).
    private const string Flow = """
        $null = Connect-Kakao -Code $env:TEST_CODE
        $sent = Send-KakaoMemo -Text 'compiled core'
        "success=$($sent.Success)"
        "core=$([KakaoPS.Models.KakaoContext].Assembly.Location)"
        "dotnetenv=$(([AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'DotNetEnv' }).Location)"
        [System.Globalization.CultureInfo]::CurrentUICulture = 'ko-KR'
        try { Send-KakaoMemo -Template @{} } catch { "korean=$($_.Exception.Message)" }
        """;

    private readonly EmulatorFixture _emulator;
    private readonly TempFolder _folder = new();

    public CompiledCoreTests(EmulatorFixture emulator)
    {
        _emulator = emulator;
    }

    public void Dispose() => _folder.Dispose();

    private static string ThisSystem => CompiledCore.RuntimeFolder(OperatingSystem.IsWindows(), OperatingSystem.IsLinux(), OperatingSystem.IsMacOS(),
        System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture)!;

    [Fact]
    public async Task PowerShell_7_runs_the_core_compiled_for_its_system()
    {
        var module = Path.GetDirectoryName(Repository.PublishedManifest)!;

        var output = await RunFlowAsync(Repository.PublishedManifest);

        Assert.Contains($"core={Path.Combine(module, "Core", ThisSystem, "KakaoPS.Core.dll")}", output);
        Assert.Contains($"dotnetenv={Path.Combine(module, "Core", "DotNetEnv.dll")}", output);
    }

    [Fact]
    public async Task Without_a_compiled_core_for_its_system_the_plain_one_runs()
    {
        var module = CopyOfModule();
        Directory.Delete(Path.Combine(module, "Core", ThisSystem), recursive: true);

        var output = await RunFlowAsync(Path.Combine(module, "KakaoPS.psd1"));

        Assert.Contains($"core={Path.Combine(module, "Core", "KakaoPS.Core.dll")}", output);
    }

    [Theory]
    [InlineData("another system's image")]
    [InlineData("a damaged file")]
    [InlineData("another assembly compiled for this system")]
    [InlineData("a copy left by an older version")]
    public async Task A_compiled_core_that_cannot_be_loaded_leaves_the_plain_one(string kind)
    {
        var module = CopyOfModule();
        var compiled = Path.Combine(module, "Core", ThisSystem, "KakaoPS.Core.dll");
        switch (kind)
        {
            case "a damaged file":
                File.WriteAllBytes(compiled, File.ReadAllBytes(compiled).AsSpan(0, 4096).ToArray());
                break;
            case "another system's image":
                var foreign = ThisSystem == "win-arm64" ? "linux-x64" : "win-arm64";
                File.Copy(Path.Combine(module, "Core", foreign, "KakaoPS.Core.dll"), compiled, overwrite: true);
                break;
            case "a copy left by an older version":
                OlderVersion(compiled);
                break;
            default:
                // .NET's own assemblies are compiled for the system they run on.
                var framework = System.Runtime.InteropServices.RuntimeEnvironment.GetRuntimeDirectory();
                File.Copy(Path.Combine(framework, "System.Text.Json.dll"), compiled, overwrite: true);
                break;
        }

        var output = await RunFlowAsync(Path.Combine(module, "KakaoPS.psd1"));

        Assert.Contains($"core={Path.Combine(module, "Core", "KakaoPS.Core.dll")}", output);
    }

    [Fact]
    public async Task Runspaces_that_import_the_module_at_once_share_the_compiled_core()
    {
        var environment = _emulator.ProcessEnvironment(_folder.TokenPath);
        environment["TEST_CODE"] = await _emulator.Control.NewCodeAsync(_emulator.RestApiKey);
        environment["TEST_MANIFEST"] = Repository.PublishedManifest;
        const string script = """
            Remove-Module KakaoPS
            $null = 1..4 | ForEach-Object -Parallel { Import-Module $env:TEST_MANIFEST } -ThrottleLimit 4
            Import-Module $env:TEST_MANIFEST
            $null = Connect-Kakao -Code $env:TEST_CODE
            $sent = 1..4 | ForEach-Object -Parallel { Import-Module $env:TEST_MANIFEST; Send-KakaoMemo -Text "runspace $_" } -ThrottleLimit 4
            "sent=$(@($sent | Where-Object Success).Count)"
            "core=$([KakaoPS.Models.KakaoContext].Assembly.Location)"
            """;

        var output = (await PwshProcess.RunAsync(script, environment)).Succeeded().Output;

        Assert.Contains("sent=4", output);
        Assert.Contains($"core={Path.Combine(Path.GetDirectoryName(Repository.PublishedManifest)!, "Core", ThisSystem, "KakaoPS.Core.dll")}", output);
    }

    private async Task<string> RunFlowAsync(string manifest)
    {
        var environment = _emulator.ProcessEnvironment(_folder.TokenPath);
        environment.Remove("KAKAO_REST_API_KEY");
        File.WriteAllText(_folder.File(".env"), $"KAKAO_REST_API_KEY={_emulator.RestApiKey}\n");
        environment["TEST_CODE"] = await _emulator.Control.NewCodeAsync(_emulator.RestApiKey);

        var output = (await PwshProcess.RunAsync(Flow, environment, location: _folder.Path, manifest: manifest)).Succeeded().Output;

        Assert.Contains("success=True", output);
        Assert.Matches("korean=.*[가-힣]", output);
        return output;
    }

    /// <summary>Lowers the minor version in the image's assembly row, as if it were left by an older release.</summary>
    private static void OlderVersion(string image)
    {
        long offset;
        using (var reader = new PEReader(File.OpenRead(image)))
        {
            var metadata = reader.GetMetadataReader();
            Assert.True(metadata.GetAssemblyDefinition().Version.Minor > 0);
            // The assembly row: HashAlgId (4 bytes), then the major and minor version (2 bytes each).
            offset = reader.PEHeaders.MetadataStartOffset + metadata.GetTableMetadataOffset(TableIndex.Assembly) + 6;
        }

        using var file = File.Open(image, FileMode.Open, FileAccess.ReadWrite);
        var minor = new byte[2];
        file.Position = offset;
        file.ReadExactly(minor);
        minor[0]--;
        file.Position = offset;
        file.Write(minor);
    }

    /// <summary>The published module copied to a folder of the test's own, to be changed there.</summary>
    private string CopyOfModule()
    {
        var source = Path.GetDirectoryName(Repository.PublishedManifest)!;
        var copy = Directory.CreateDirectory(_folder.File("KakaoPS")).FullName;
        foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(copy, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        return copy;
    }
}
