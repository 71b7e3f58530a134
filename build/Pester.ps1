# Pester: the specs in tests/pester, which read like user scripts, against the built module.

# Only the Pester specs, against the built module; with -PesterHost powershell, in Windows PowerShell 5.1.
function Invoke-PesterTask {
    Build-KakaoPS
    New-Item -ItemType Directory -Force $ResultsOut | Out-Null
    Write-Summary @(Invoke-PesterSuite)
}

function Invoke-PesterSuite {
    $emulator = Start-Emulator
    $saved = @{}
    foreach ($name in 'KAKAOPS_AUTH_URL', 'KAKAOPS_API_URL', 'KAKAOPS_TEST_MODULE') { $saved[$name] = [Environment]::GetEnvironmentVariable($name) }
    try {
        $env:KAKAOPS_AUTH_URL = $emulator.BaseUrl
        $env:KAKAOPS_API_URL = $emulator.BaseUrl
        if (-not $env:KAKAOPS_TEST_MODULE) { $env:KAKAOPS_TEST_MODULE = Join-Path $ModuleOut 'KakaoPS.psd1' }
        # The same specs, run by this PowerShell or (-PesterHost) by another one, e.g. Windows PowerShell 5.1.
        $script = {
            param($PesterModule, $Specs, $ResultFile)
            Import-Module $PesterModule -Force
            $config = New-PesterConfiguration
            $config.Run.Path = $Specs -split ','
            $config.Run.PassThru = $true
            $config.Output.Verbosity = 'Detailed'
            $config.TestResult.Enabled = $true
            $config.TestResult.OutputPath = $ResultFile
            $result = Invoke-Pester -Configuration $config
            "PESTER-COUNTS $($result.PassedCount) $($result.FailedCount + $result.FailedBlocksCount + $result.FailedContainersCount)"
        }
        # On Windows also the Windows specs (tests/windows), which the Linux host runs under Wine in the Windows lane.
        $specs = @('tests/pester') + @(if ($IsWindows) { 'tests/windows' }) | ForEach-Object { Join-Path $Root $_ }
        $arguments = (Get-PesterModule), ($specs -join ','), (Join-Path $ResultsOut 'pester.xml')
        $output = if ($PesterHost) {
            $quoted = ($arguments | ForEach-Object { "'$($_ -replace "'", "''")'" }) -join ' '
            & $PesterHost -NoProfile -NonInteractive -ExecutionPolicy Bypass -Command "& { $script } $quoted" | Tee-Object -Variable lines | Out-Host
            $lines
        }
        else {
            & $script @arguments
        }
        ConvertTo-PesterRow "pester$(if ($PesterHost) { " ($PesterHost)" })" $output
    }
    finally {
        foreach ($name in $saved.Keys) { [Environment]::SetEnvironmentVariable($name, $saved[$name]) }
        Write-IssuedTokenHashes $emulator
        Stop-Emulator $emulator
    }
}

# The suite's row from the 'PESTER-COUNTS passed failed' line its runner prints. No such line (a crashed host,
# a spec file that does not parse) is a failed suite.
function ConvertTo-PesterRow([string] $Suite, [object[]] $Output) {
    $counts = @($Output | Where-Object { $_ -match '^PESTER-COUNTS (\d+) (\d+)$' })
    $passed, $failed = if ($counts.Count -eq 1 -and $counts[0] -match '^PESTER-COUNTS (\d+) (\d+)$') { [int]$Matches[1], [int]$Matches[2] } else { 0, 1 }
    [pscustomobject]@{ Suite = $Suite; Passed = $passed; Failed = $failed }
}

# Pester comes with the test project's restore (a PackageDownload); the Pester and Windows tasks may run before it.
function Get-PesterModule {
    $pester = Join-Path (Get-NuGetRoot) 'pester/5.7.1/tools/Pester.psd1'
    if (-not (Test-Path $pester)) { Invoke-Dotnet restore (Join-Path $Root 'tests/KakaoPS.Tests/KakaoPS.Tests.csproj') --nologo -v quiet }
    if (-not (Test-Path $pester)) { throw "Pester 5.7.1 is missing at $pester after restoring tests/KakaoPS.Tests." }
    $pester
}
