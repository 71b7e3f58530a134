# Helpers every task uses: native commands that fail loudly, and a local Kakao (the emulator) on a free port.

function Invoke-Native {
    $command, $arguments = $args
    & $command @arguments
    if ($LASTEXITCODE -ne 0) { throw "$command $($arguments -join ' ') failed with exit code $LASTEXITCODE" }
}

function Invoke-Dotnet { Invoke-Native dotnet @args }

# The folder NuGet restores packages into (NUGET_PACKAGES or the default), as dotnet itself reports it.
function Get-NuGetRoot {
    ((& dotnet nuget locals global-packages --list) -replace '^global-packages:\s*', '').Trim()
}

function Start-Emulator {
    param([string[]] $Arguments = @('--auto-consent'))

    $start = [System.Diagnostics.ProcessStartInfo]::new('dotnet')
    foreach ($argument in @((Join-Path $EmulatorOut 'KakaoPS.Emulator.dll'), '--urls', 'http://127.0.0.1:0') + $Arguments) {
        $start.ArgumentList.Add($argument)
    }
    $start.RedirectStandardOutput = $true
    $start.UseShellExecute = $false
    $process = [System.Diagnostics.Process]::Start($start)
    $deadline = [DateTime]::UtcNow.AddSeconds(30)
    while ([DateTime]::UtcNow -lt $deadline) {
        $line = $process.StandardOutput.ReadLine()
        if ($null -eq $line) { break }
        if ($line -match 'listening on (http://\S+)') {
            return [pscustomobject]@{ Process = $process; BaseUrl = $Matches[1] }
        }
    }
    $process.Kill($true)
    throw 'The emulator did not start.'
}

function Stop-Emulator($Emulator) {
    if ($Emulator -and -not $Emulator.Process.HasExited) {
        $Emulator.Process.Kill($true)
        $Emulator.Process.WaitForExit()
    }
}
