# Helpers of Bench.ps1: running a measured process, statistics, the machine's description.

function Invoke-Measured {
    <# Runs a command to completion; returns its wall time, CPU time and peak resident memory (GNU time's %U %S %M), and stdout. #>
    param([string[]] $Command, [string] $WorkingDirectory, [string] $CacheHome)

    $peakFile = [IO.Path]::GetTempFileName()
    try {
        $start = [System.Diagnostics.ProcessStartInfo]::new('/usr/bin/time')
        foreach ($argument in @('-f', '%U %S %M', '-o', $peakFile) + $Command) { $start.ArgumentList.Add([string]$argument) }
        $start.WorkingDirectory = $WorkingDirectory
        if ($CacheHome) {
            # PowerShell keeps its startup JIT profile there, which the next process replays.
            $start.Environment['XDG_CACHE_HOME'] = $CacheHome
        }
        $start.RedirectStandardOutput = $true
        $start.RedirectStandardError = $true
        $start.UseShellExecute = $false
        $watch = [System.Diagnostics.Stopwatch]::StartNew()
        $process = [System.Diagnostics.Process]::Start($start)
        $errors = $process.StandardError.ReadToEndAsync()
        $output = $process.StandardOutput.ReadToEnd()
        $process.WaitForExit()
        $elapsed = $watch.Elapsed.TotalMilliseconds
        if ($process.ExitCode -ne 0) {
            throw "'$($Command -join ' ')' exited with $($process.ExitCode): $($errors.Result)$output"
        }
        $user, $system, $peakKB = [double[]](-split (Get-Content $peakFile -Tail 1))
        [pscustomobject]@{
            Ms     = $elapsed
            CpuMs  = ($user + $system) * 1000
            PeakMB = $peakKB / 1024
            Output = $output.Trim()
        }
    }
    finally {
        Remove-Item $peakFile -ErrorAction Ignore
    }
}

function Measure-Processes {
    <# Runs each contender -Runs times, interleaved (the order rotates each run); medians beside -Baseline's. #>
    param([int] $Runs, [System.Collections.IDictionary] $Contenders, [string] $Baseline, [string] $WorkingDirectory)

    $samples = @{}
    $caches = @{}
    $cacheRoot = Join-Path ([IO.Path]::GetTempPath()) "kakaops-bench-cache-$PID"
    foreach ($name in $Contenders.Keys) {
        $samples[$name] = [System.Collections.Generic.List[object]]::new()
        # Each contender its own cache folder: PowerShell replays the JIT profile the previous process
        # wrote at exit, so a shared one would make each contender pre-compile another's methods.
        $caches[$name] = Join-Path $cacheRoot $caches.Count
    }
    try {
        for ($run = 0; $run -lt $Runs; $run++) {
            foreach ($name in (Get-Rotated @($Contenders.Keys) $run)) {
                Write-Host "  run $($run + 1)/$($Runs): $name"
                $samples[$name].Add((Invoke-Measured $Contenders[$name] -WorkingDirectory $WorkingDirectory -CacheHome $caches[$name]))
            }
        }
    }
    finally {
        Remove-Item $cacheRoot -Recurse -Force -ErrorAction Ignore
    }
    $base = Get-Stats ($samples[$Baseline] | ForEach-Object Ms)
    $baseCpu = Get-Stats ($samples[$Baseline] | ForEach-Object CpuMs)
    $baseMemory = Get-Stats ($samples[$Baseline] | ForEach-Object PeakMB)
    [ordered]@{
        runs       = $Runs
        baseline   = $Baseline
        contenders = @(foreach ($name in $Contenders.Keys) {
                $wall = Get-Stats ($samples[$name] | ForEach-Object Ms)
                $cpu = Get-Stats ($samples[$name] | ForEach-Object CpuMs)
                $memory = Get-Stats ($samples[$name] | ForEach-Object PeakMB)
                # Runs i of two contenders ran back to back: their difference cancels slow drifts of the load.
                $paired = Get-Stats @(for ($i = 0; $i -lt $Runs; $i++) { $samples[$name][$i].Ms - $samples[$Baseline][$i].Ms })
                [ordered]@{
                    name               = $name
                    medianMs           = $wall.Median
                    minMs              = $wall.Min
                    maxMs              = $wall.Max
                    medianOverBaseline = Get-Ratio $wall.Median $base.Median
                    pairedDifferenceMs = $paired.Median
                    medianCpuMs        = $cpu.Median
                    cpuOverBaseline    = Get-Ratio $cpu.Median $baseCpu.Median
                    peakMemoryMB       = $memory.Median
                    memoryOverBaseline = Get-Ratio $memory.Median $baseMemory.Median
                }
            })
    }
}

function Get-Rotated([object[]] $Items, [int] $Shift) {
    # Interleaving: no contender always runs first (cold caches) or last (after the others' garbage).
    $count = $Items.Count
    for ($i = 0; $i -lt $count; $i++) { $Items[($i + $Shift) % $count] }
}

function Get-Stats([double[]] $Values) {
    $sorted = [double[]]($Values | Sort-Object)
    $middle = [int][math]::Floor($sorted.Count / 2)
    $median = if ($sorted.Count % 2) { $sorted[$middle] } else { ($sorted[$middle - 1] + $sorted[$middle]) / 2 }
    [pscustomobject]@{
        Median = [math]::Round($median, 3)
        P95    = [math]::Round($sorted[[int][math]::Ceiling(0.95 * $sorted.Count) - 1], 3)
        Min    = [math]::Round($sorted[0], 3)
        Max    = [math]::Round($sorted[-1], 3)
    }
}

function Get-Ratio([double] $Value, [double] $Baseline) {
    if ($Baseline -le 0) { return $null }
    [math]::Round($Value / $Baseline, 2)
}

function Get-LoadAverage { (Get-Content /proc/loadavg).Split(' ')[0..2] -join ' ' }

function Get-MachineInfo([string] $WorkingDirectory) {
    $cpu = (Select-String -Path /proc/cpuinfo -Pattern '^model name\s*:\s*(.+)$' | Select-Object -First 1).Matches[0].Groups[1].Value
    $memoryKB = [double]((Select-String -Path /proc/meminfo -Pattern '^MemTotal:\s+(\d+)').Matches[0].Groups[1].Value)
    Push-Location $WorkingDirectory
    try {
        [ordered]@{
            os         = (Get-Content /etc/os-release | Where-Object { $_ -like 'PRETTY_NAME=*' }) -replace '^PRETTY_NAME="?|"$', ''
            kernel     = (& uname -r)
            nproc      = [int](& nproc)
            cpu        = $cpu
            memoryGB   = [math]::Round($memoryKB / 1MB, 1)
            dotnet     = (& dotnet --version)
            pwsh       = (& dotnet pwsh -NoProfile -c '$PSVersionTable.PSVersion.ToString()')
            python     = ((& python3 --version) -replace '^Python ', '')
            requests   = (& python3 -c 'import requests; print(requests.__version__)')
        }
    }
    finally {
        Pop-Location
    }
}
