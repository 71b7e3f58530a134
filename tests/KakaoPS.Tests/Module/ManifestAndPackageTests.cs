using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using KakaoPS.Tests.Infrastructure;

namespace KakaoPS.Tests.Module;

/// <summary>The published manifest, and the .nupkg of build.ps1 -Task Package installed the way PSGallery users install it.</summary>
public sealed class ManifestAndPackageTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static string SourceVersion =>
        Regex.Match(File.ReadAllText(Path.Combine(Repository.Root, "KakaoPS.psd1")), @"ModuleVersion\s*=\s*'([^']+)'").Groups[1].Value;

    [Fact]
    public async Task Test_ModuleManifest_passes_and_the_version_release_notes_and_exports_are_stamped()
    {
        const string script = """
            $manifest = Test-ModuleManifest (Join-Path (Get-Module KakaoPS).ModuleBase 'KakaoPS.psd1')
            "version=$($manifest.Version)"
            "assembly=$([KakaoPS.Commands.Base.KakaoCmdlet].Assembly.GetName().Version.ToString(3))"
            "editions=$($manifest.CompatiblePSEditions -join ',')"
            "psversion=$($manifest.PowerShellVersion)"
            "exports=$(($manifest.ExportedCmdlets.Keys | Sort-Object) -join ',')"
            "defined=$(([KakaoPS.Commands.Base.KakaoCmdlet].Assembly.GetExportedTypes() | Where-Object { $_.IsSealed -and [KakaoPS.Commands.Base.KakaoCmdlet].IsAssignableFrom($_) } |
                ForEach-Object { $a = $_.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0]; "$($a.VerbName)-$($a.NounName)" } | Sort-Object) -join ',')"
            "functions=$($manifest.ExportedFunctions.Count) aliases=$($manifest.ExportedAliases.Count) variables=$($manifest.ExportedVariables.Count)"
            "root=$($manifest.RootModule) loaded=$([IO.Path]::GetRelativePath((Get-Module KakaoPS).ModuleBase, [KakaoPS.Commands.Base.KakaoCmdlet].Assembly.Location))"
            "uris=$($manifest.ProjectUri) $($manifest.LicenseUri)"
            "tags=$($manifest.Tags -join ',')"
            "notes=$($manifest.ReleaseNotes -replace '\s+', ' ')"
            """;

        var output = (await PwshProcess.RunAsync(script, new Dictionary<string, string?>())).Succeeded().Output;
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split('=', 2)).ToDictionary(p => p[0], p => p[1].Trim());

        Assert.Equal(SourceVersion, lines["version"]);
        Assert.Equal(SourceVersion, lines["assembly"]);
        Assert.Equal("Core,Desktop", lines["editions"]);
        Assert.Equal("5.1", lines["psversion"]);
        Assert.Equal(lines["defined"], lines["exports"]); // explicit, and every cmdlet class is exported
        Assert.Equal("0 aliases=0 variables=0", lines["functions"]);
        Assert.Equal("KakaoPS.dll loaded=KakaoPS.dll", lines["root"]); // a constant: an expression costs every import an evaluation
        Assert.Equal("https://github.com/kakaops/KakaoPS https://github.com/kakaops/KakaoPS/blob/main/LICENSE", lines["uris"]);
        Assert.Contains("KakaoTalk", lines["tags"]);

        var changelog = File.ReadAllText(Path.Combine(Repository.Root, "CHANGELOG.md"));
        var section = Regex.Match(changelog, $@"(?ms)^## \[{Regex.Escape(SourceVersion)}\][^\n]*\n(.*?)(?=^## |\z)").Groups[1].Value;
        Assert.Equal(Regex.Replace(section.Trim(), @"\s+", " "), lines["notes"]);
        Assert.True(File.Exists(Path.Combine(Path.GetDirectoryName(Repository.PublishedManifest)!, "LICENSE")));
    }

    [Fact]
    public void Each_folder_has_the_core_its_Korean_messages_and_the_dependencies_and_the_top_only_the_module()
    {
        var module = Path.GetDirectoryName(Repository.PublishedManifest)!;
        foreach (var folder in new[] { "Core", "Desktop" })
        {
            Assert.True(File.Exists(Path.Combine(module, folder, "KakaoPS.Core.dll")), $"{folder}/ lacks the core");
            Assert.True(File.Exists(Path.Combine(module, folder, "ko-KR", "KakaoPS.Core.resources.dll")), $"{folder}/ lacks the Korean messages");
            Assert.False(File.Exists(Path.Combine(module, folder, "KakaoPS.dll")), $"{folder}/ has a second KakaoPS.dll");
            Assert.True(File.Exists(Path.Combine(module, folder, "DotNetEnv.dll")), $"{folder}/ lacks DotNetEnv");
        }

        // Windows PowerShell's .NET Framework has none of the System.* packages the assembly uses.
        Assert.True(File.Exists(Path.Combine(module, "Desktop", "System.Text.Json.dll")));
        Assert.Equal(new[] { "KakaoPS.dll" }, Directory.GetFiles(module, "*.dll").Select(Path.GetFileName));
    }

    [Fact]
    public async Task The_package_installs_with_Install_PSResource_and_imports_by_name()
    {
        var repository = Path.Combine(Repository.Root, "out", "repository");
        var package = Path.Combine(repository, $"KakaoPS.{SourceVersion}.nupkg");
        Assert.True(File.Exists(package), $"{package} is missing. Run: dotnet pwsh ./build.ps1 -Task Package");

        // A home of its own: PSResourceGet keeps its repository list and the CurrentUser module
        // folder under HOME. The dotnet tool that runs pwsh is still found in the real one. The
        // data folder must exist: .NET reports a missing one as "", and the list would land in the
        // working directory.
        var realHome = Environment.GetEnvironmentVariable("HOME")!;
        var data = Directory.CreateDirectory(Path.Combine(_folder.Path, ".local", "share")).FullName;
        var environment = new Dictionary<string, string?>
        {
            ["HOME"] = _folder.Path,
            ["XDG_DATA_HOME"] = data,
            ["DOTNET_CLI_HOME"] = Environment.GetEnvironmentVariable("DOTNET_CLI_HOME") ?? realHome,
            ["NUGET_PACKAGES"] = Environment.GetEnvironmentVariable("NUGET_PACKAGES") ?? Path.Combine(realHome, ".nuget", "packages"),
            ["TEST_REPOSITORY"] = repository,
        };
        const string script = """
            Remove-Module KakaoPS
            Register-PSResourceRepository -Name KakaoPSTest -Uri $env:TEST_REPOSITORY -Trusted
            Install-PSResource -Name KakaoPS -Repository KakaoPSTest -Scope CurrentUser -Quiet
            Import-Module KakaoPS
            $module = Get-Module KakaoPS
            "base=$($module.ModuleBase)"
            "version=$($module.Version)"
            "cmdlets=$($module.ExportedCmdlets.Count)"
            "help=$((Get-Help Send-KakaoMemo).Synopsis)"
            "views=$(@(Get-FormatData -TypeName KakaoPS.Models.KakaoScope).Count)"
            """;

        var output = (await PwshProcess.RunAsync(script, environment)).Succeeded().Output;

        Assert.True(File.Exists(Path.Combine(data, "PSResourceGet", "PSResourceRepository.xml")), "the repository list is not in the test's home");
        Assert.Contains($"base={Path.Combine(data, "powershell", "Modules", "KakaoPS", SourceVersion)}", output);
        Assert.Contains($"version={SourceVersion}", output);
        Assert.DoesNotContain("cmdlets=0", output);
        Assert.Contains("help=Sends a KakaoTalk message to yourself", output);
        Assert.Contains("views=1", output);
    }
}
