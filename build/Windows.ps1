# The Windows lane of the Test task: PowerShell 7's own Windows build, run under Wine on Debian or Ubuntu, imports
# the packaged module and runs the Pester specs and the Windows specs (tests/windows) against a local Kakao.
# What it proves and what it cannot: CONTRIBUTING.md, "The Windows lane".

$WindowsOut = Join-Path $Out 'windows'
$Wine = '/usr/lib/wine/wine64'   # Debian's wine64 is not on PATH

# Why the lane cannot run here, or nothing when it can (after installing Wine where the Test task installs).
function Get-WindowsLaneObstacle {
    if (-not $IsLinux -or [Runtime.InteropServices.RuntimeInformation]::OSArchitecture -ne 'X64') {
        return 'it runs on Linux x64 only (real Windows runs in the GitHub workflow)'
    }
    if (-not (Test-Path $Wine)) {
        return 'Wine is not installed: run as root on Debian or Ubuntu, or: apt-get install --no-install-recommends wine wine64'
    }
}

# The Windows task: only the lane, on the package.
function Invoke-Windows {
    Invoke-Package
    New-Item -ItemType Directory -Force $ResultsOut | Out-Null
    Write-Summary @(Invoke-WindowsLane)
}

function Invoke-WindowsLane {
    $obstacle = Get-WindowsLaneObstacle
    if ($obstacle) {
        Write-Host "Windows lane skipped: $obstacle." -ForegroundColor Yellow
        return
    }

    $windows = Initialize-WindowsPowerShell
    $module = Expand-PackagedModule
    $emulator = Start-Emulator
    try {
        $environment = @{
            KAKAOPS_AUTH_URL    = $emulator.BaseUrl
            KAKAOPS_API_URL     = $emulator.BaseUrl
            KAKAOPS_TEST_MODULE = ConvertTo-WindowsPath (Join-Path $module 'KakaoPS.psd1')
        }
        $runner = ConvertTo-WindowsPath (Join-Path $Root 'tests/windows/Invoke-Specs.ps1')
        # Not tests/windows/OwnerOnly.Tests.ps1: Wine keeps no security descriptors (real Windows runs it in the GitHub workflow).
        $specs = @('tests/pester', 'tests/windows/Windows.Tests.ps1') | ForEach-Object { ConvertTo-WindowsPath (Join-Path $Root $_) }
        $output = Invoke-WindowsPowerShell $windows $environment -File $runner -PesterModule (ConvertTo-WindowsPath (Get-PesterModule)) -Specs ($specs -join ',')
        $output | Set-Content (Join-Path $ResultsOut 'windows.log')
        ConvertTo-PesterRow 'windows (wine)' $output
    }
    finally {
        Write-IssuedTokenHashes $emulator
        Stop-Emulator $emulator
    }
}

# A Windows .NET (from .NET's Windows runtime packs) and a Wine prefix under out/windows; returns pwsh.exe and the
# environment it runs in.
function Initialize-WindowsPowerShell {
    $version = "$([Environment]::Version)"
    $dotnet = Join-Path $WindowsOut "dotnet-$version"
    if (-not (Test-Path $dotnet)) {
        Invoke-Dotnet restore (Join-Path $Root 'tests/windows/WindowsRuntime.csproj') "-p:WindowsRuntimeVersion=$version" --nologo -v quiet
        $packs = Get-NuGetRoot
        $core = Join-Path $packs "microsoft.netcore.app.runtime.win-x64/$version/runtimes/win-x64"
        $desktop = Join-Path $packs "microsoft.windowsdesktop.app.runtime.win-x64/$version/runtimes/win-x64"
        # Laid out beside and renamed when complete: a run stopped half-way leaves nothing that looks finished.
        $partial = "$dotnet.partial"
        Remove-Item $partial -Recurse -Force -ErrorAction Ignore
        $fxr = New-Item -ItemType Directory -Force (Join-Path $partial "host/fxr/$version")
        Copy-Item (Join-Path $core 'native/hostfxr.dll') $fxr
        # PowerShell names both frameworks; without the desktop one it hangs at start-up.
        foreach ($framework in @{ Name = 'Microsoft.NETCore.App'; Pack = $core }, @{ Name = 'Microsoft.WindowsDesktop.App'; Pack = $desktop }) {
            $target = New-Item -ItemType Directory -Force (Join-Path $partial "shared/$($framework.Name)/$version")
            Copy-Item (Join-Path $framework.Pack 'lib/net10.0/*'), (Join-Path $framework.Pack 'native/*') $target -Recurse
        }
        Move-Item $partial $dotnet
    }
    $environment = @{
        WINEPREFIX                   = Join-Path $WindowsOut 'prefix'
        WINEDEBUG                    = '-all'
        WINEDLLOVERRIDES             = 'mshtml='   # no Gecko download prompt; mscoree stays: Wine loads IL-only images with it
        DOTNET_ROOT                  = ConvertTo-WindowsPath $dotnet
        DOTNET_EnableWriteXorExecute = '0'         # with W^X on, longer runs under Wine die with "Internal CLR error"
        KAKAOPS_TOKEN_PATH           = $null       # the Windows default is under test
    }
    if (-not (Test-Path (Join-Path $environment.WINEPREFIX 'system.reg'))) {
        Write-Host 'Creating the Wine prefix for the Windows lane'
        Invoke-WithEnvironment $environment { & $Wine wineboot -i *> $null }
    }
    # A login left by a run that was killed would make the specs use a file of their own instead of the Windows default.
    Remove-Item (Join-Path $environment.WINEPREFIX 'drive_c/users/*/AppData/Local/KakaoPS') -Recurse -Force -ErrorAction Ignore
    [pscustomobject]@{ Pwsh = Join-Path (Get-NuGetRoot) 'powershell/7.6.9/tools/net10.0/any/win/pwsh.exe'; Environment = $environment }
}

# The .nupkg of the Package task, unpacked as Install-PSResource would.
function Expand-PackagedModule {
    $package = Get-ChildItem $RepositoryOut -Filter 'KakaoPS.*.nupkg' | Select-Object -First 1
    if (-not $package) { throw "No package in ${RepositoryOut}: the Package task makes it." }
    $module = Join-Path $WindowsOut "Modules/KakaoPS/$Version"
    Remove-Item (Join-Path $WindowsOut 'Modules') -Recurse -Force -ErrorAction Ignore
    Expand-Archive $package.FullName $module
    Remove-Item (Join-Path $module '_rels'), (Join-Path $module 'package'), (Join-Path $module '*.nuspec'), (Join-Path $module '`[Content_Types`].xml') -Recurse -Force
    $module
}

# pwsh.exe under Wine prints nothing and loses its exit code without a terminal, and stops when stdin is a pipe:
# it runs under a pseudo-terminal (script), inside a time limit, and its output is stripped of terminal codes.
function Invoke-WindowsPowerShell($Windows, [hashtable] $Environment) {
    # Quoted for sh, which runs the command line: a quote inside a value is '\''.
    $arguments = foreach ($argument in $args) { if ($argument -is [string] -and $argument -match '^-') { $argument } else { "'$("$argument" -replace "'", "'\''")'" } }
    $all = $Windows.Environment + $Environment
    $all['KAKAOPS_WINE_COMMAND'] = "stty cols 250 rows 50; $Wine '$($Windows.Pwsh)' -NoProfile -NonInteractive -ExecutionPolicy Bypass $($arguments -join ' ')"
    Invoke-WithEnvironment $all {
        & bash -c 'timeout 900 script -qec "$KAKAOPS_WINE_COMMAND" /dev/null < /dev/null' | ForEach-Object {
            $line = $_ -replace '\x1b\[[0-9;?]*[a-zA-Z]', '' -replace '\x1b\][^\x07]*\x07', '' -replace '\r', ''
            if ($line -notmatch '^wine: Read access denied for device') { Write-Host $line; $line }
        }
    }
}

# Runs $Script with these environment variables (null removes one), then puts the build's own back.
function Invoke-WithEnvironment([hashtable] $Environment, [scriptblock] $Script) {
    $saved = @{}
    foreach ($name in $Environment.Keys) { $saved[$name] = [Environment]::GetEnvironmentVariable($name); [Environment]::SetEnvironmentVariable($name, $Environment[$name]) }
    try { & $Script }
    finally { foreach ($name in $saved.Keys) { [Environment]::SetEnvironmentVariable($name, $saved[$name]) } }
}

# Linux's / is drive Z: in Wine.
function ConvertTo-WindowsPath([string] $Path) { 'Z:' + ([IO.Path]::GetFullPath($Path) -replace '/', '\') }
