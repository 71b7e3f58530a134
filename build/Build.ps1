# Build: the module with its manifest and help into out/KakaoPS, the emulator into out/emulator.

# Publishes the module and the emulator; every task that needs them calls this, and it runs once per run.
function Build-KakaoPS {
    if ($script:Built) { return }
    # The manifest is the one version source: it is stamped into the assembly here.
    # Core/<runtime>/KakaoPS.Core.dll is compiled ahead of time against the .NET this PowerShell runs on (see KakaoPS.csproj).
    $readyToRun = @(
        "-p:ReadyToRunRuntimeVersion=$([Environment]::Version)"
        "-p:ReadyToRunFrameworkDirectory=$([System.Runtime.InteropServices.RuntimeEnvironment]::GetRuntimeDirectory())"
    )
    # A fresh folder: the package takes all of it, and a file a change removed must not stay in it.
    Remove-Item $ModuleOut -Recurse -Force -ErrorAction Ignore
    Invoke-Dotnet publish (Join-Path $Root 'src/KakaoPS/KakaoPS.csproj') -c $Configuration -o $ModuleOut "-p:Version=$Version" @readyToRun --nologo -v quiet
    Set-ReleaseNotes (Join-Path $ModuleOut 'KakaoPS.psd1')
    & (Join-Path $Root 'docs/Build-Help.ps1') -Destination $ModuleOut
    Invoke-Dotnet publish (Join-Path $Root 'src/KakaoPS.Emulator/KakaoPS.Emulator.csproj') -c $Configuration -o $EmulatorOut --nologo -v quiet
    Write-Host "Module $Version published to $ModuleOut"
    $script:Built = $true
}

# The published manifest is the source one with this version's section of CHANGELOG.md as its ReleaseNotes.
function Set-ReleaseNotes([string] $PublishedManifest) {
    $changelog = (Get-Content -Raw (Join-Path $Root 'CHANGELOG.md')) -replace "`r`n", "`n"
    if ($changelog -notmatch "(?ms)^## \[$([regex]::Escape($Version))\][^\n]*\n(.*?)(?=^## |\z)") {
        throw "CHANGELOG.md has no '## [$Version]' section; add one before building."
    }
    $notes = $Matches[1].Trim() -replace "'", "''"
    $manifest = Get-Content -Raw $Manifest
    if (-not $manifest.Contains("ReleaseNotes = ''")) { throw "KakaoPS.psd1 has no ReleaseNotes = '' placeholder." }
    # A BOM lets Windows PowerShell 5.1 read the Hangul in the manifest.
    [IO.File]::WriteAllText($PublishedManifest, $manifest.Replace("ReleaseNotes = ''", "ReleaseNotes = '$notes'"), [Text.UTF8Encoding]::new($true))
}
