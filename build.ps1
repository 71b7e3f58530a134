#Requires -Version 7.4
<#
.SYNOPSIS
    Builds, tests and runs KakaoPS.

.DESCRIPTION
    Tasks:
      Build     publish the module with its manifest into out/KakaoPS (importable by path) and the emulator into out/emulator
      Test      check (or install) what the tests need, Package, then every suite: xunit (dotnet test KakaoPS.sln), the
                Pester specs, and the Windows lane (PowerShell 7's Windows build under Wine, on the packaged module);
                ends with 'N passed, N failed'
      Pester    Build, then only the Pester specs; -PesterHost powershell runs them in Windows PowerShell 5.1
      Windows   Package, then only the Windows lane (Linux x64 with Wine)
      Demo      Build, start the emulator and run the lesson's whole flow through the cmdlets
      Emulator  Build, then run the emulator in the foreground (extra arguments go to it)
      Bench     Build, start the emulator and measure Send-KakaoMemo beside its alternatives (bench/, docs/benchmarks.md)
      Install   Build, then copy the module where Import-Module KakaoPS finds it by name
      Package   Build, then Publish-PSResource the module as out/repository/KakaoPS.<version>.nupkg (a local folder repository)
      Clean     remove out/ and every bin/ and obj/

    Run it as `dotnet pwsh ./build.ps1 -Task <task>` after `dotnet tool restore`. The module is built once per
    run, however many tasks need it.

    The Test task needs a Chromium-based browser, Korean and emoji fonts and tinyproxy, and Wine for the Windows
    lane. On Debian or Ubuntu, run as root, it installs what is missing with apt-get; anywhere else (or with
    -NoInstall) it stops before any test and prints the command that installs them. Without Wine only the
    Windows lane is skipped, with a line that says so. One file per task is in build/.
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Pester', 'Windows', 'Demo', 'Emulator', 'Bench', 'Install', 'Package', 'Clean')]
    [string[]] $Task = 'Build',

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release',

    # Passed to the emulator by the Emulator task, e.g. -EmulatorArguments:'--urls http://127.0.0.1:5000'
    # (one string after a colon, so the same command works from bash and from PowerShell) or '--urls','http://…'.
    [string[]] $EmulatorArguments = @(),

    # Test: never install missing test prerequisites; stop with the command that installs them instead.
    [switch] $NoInstall,

    # Pester: the PowerShell that runs the specs against the built module, e.g. 'powershell' (Windows PowerShell 5.1).
    [string] $PesterHost,

    # Bench: only these phases (warm, oneShot, import, firstCall, pipeline, throttle), -BenchRuns processes each; the
    # figures go to out/bench/benchmarks.json and docs/benchmarks.md is left as it is.
    [string[]] $BenchPhase,
    [int] $BenchRuns = 10
)

$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'
Set-StrictMode -Version Latest

$Root = $PSScriptRoot
$Out = Join-Path $Root 'out'
$ModuleOut = Join-Path $Out 'KakaoPS'
$EmulatorOut = Join-Path $Out 'emulator'
$ResultsOut = Join-Path $Out 'test-results'
$RepositoryOut = Join-Path $Out 'repository'
$Manifest = Join-Path $Root 'KakaoPS.psd1'
# Read as text: the manifest chooses its RootModule by edition, which Import-PowerShellDataFile refuses to evaluate.
$Version = [regex]::Match((Get-Content -Raw $Manifest), "ModuleVersion\s*=\s*'([^']+)'").Groups[1].Value
if (-not $Version) { throw "KakaoPS.psd1 has no ModuleVersion = '<version>' line." }

$script:Built = $false

# One file per task in build/, beside the helpers the tasks share.
foreach ($file in Get-ChildItem (Join-Path $Root 'build') -Filter *.ps1) { . $file.FullName }

foreach ($name in $Task) {
    switch ($name) {
        'Build' { Build-KakaoPS }
        'Pester' { Invoke-PesterTask }   # Invoke-Pester is Pester's own command
        default { & "Invoke-$name" }
    }
}
