# The lines of a log file piped into Send-KakaoMemo or Measure-Object. [IO.File]::ReadLines streams plain
# strings one at a time, so the pipeline holds no more than the command under test keeps.
# Prints JSON: the pipeline's milliseconds (wall and CPU) and the process's working set before it and at its peak.
param([string] $ModulePath, [string] $LogPath, [int] $Lines, [ValidateSet('Send-KakaoMemo', 'Measure-Object')] [string] $Target)
$ErrorActionPreference = 'Stop'
Import-Module $ModulePath
# Both targets start warm: the module imported and both commands run once.
$null = 1..100 | ForEach-Object { "warm-up $_" } | Send-KakaoMemo -Title 'warm-up' -WarningAction SilentlyContinue
$null = 1..100 | Measure-Object
$self = [System.Diagnostics.Process]::GetCurrentProcess()
[GC]::Collect()
$self.Refresh()
$before = $self.WorkingSet64
$cpu = $self.TotalProcessorTime

$watch = [System.Diagnostics.Stopwatch]::StartNew()
if ($Target -eq 'Send-KakaoMemo') {
    $result = [System.IO.File]::ReadLines($LogPath) | Send-KakaoMemo -Title 'pipeline bench' -WarningAction SilentlyContinue
    if (-not $result.Success -or -not $result.Truncated) { throw 'send failed' }
}
else {
    $result = [System.IO.File]::ReadLines($LogPath) | Measure-Object
    if ($result.Count -ne $Lines) { throw "counted $($result.Count)" }
}
$elapsed = $watch.Elapsed.TotalMilliseconds
$self.Refresh()
ConvertTo-Json -Compress @{ ms = $elapsed; cpuMs = ($self.TotalProcessorTime - $cpu).TotalMilliseconds; workingSetBeforeMB = $before / 1MB; peakWorkingSetMB = $self.PeakWorkingSet64 / 1MB }
