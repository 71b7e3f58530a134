# Reference, not a contender: the same loop calling a compiled cmdlet that does nothing (Write-Output),
# i.e. what PowerShell itself costs per command invocation. Prints the milliseconds of each call as JSON.
param([int] $Warmup, [int] $Count)
$ErrorActionPreference = 'Stop'

$watch = [System.Diagnostics.Stopwatch]::new()
for ($i = 0; $i -lt $Warmup; $i++) { $null = Write-Output "warm-up $i" }
$times = for ($i = 0; $i -lt $Count; $i++) {
    $watch.Restart()
    $null = Write-Output "Write-Output $i"
    $watch.Elapsed.TotalMilliseconds
}
ConvertTo-Json -Compress @($times)
