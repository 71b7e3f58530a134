# N lines of a native command's output (like `dotnet build 2>&1`) piped into Send-KakaoMemo or Measure-Object.
# Prints JSON: the pipeline's milliseconds and the process's working set before and at its peak.
param([string] $ModulePath, [int] $Lines, [ValidateSet('Send-KakaoMemo', 'Measure-Object')] [string] $Target)
$ErrorActionPreference = 'Stop'
Import-Module $ModulePath
# Both targets start warm: the module imported, both commands and the native-command pipe run once.
$null = & seq 100 | Send-KakaoMemo -Title 'warm-up'
$null = & seq 100 | Measure-Object
$self = [System.Diagnostics.Process]::GetCurrentProcess()
[GC]::Collect()
$self.Refresh()
$before = $self.WorkingSet64

$watch = [System.Diagnostics.Stopwatch]::StartNew()
if ($Target -eq 'Send-KakaoMemo') {
    $result = & seq -f 'build output line %g: compiling, linking, testing' $Lines | Send-KakaoMemo -Title 'pipeline bench' -WarningAction SilentlyContinue
    if (-not $result.Success) { throw 'send failed' }
}
else {
    $result = & seq -f 'build output line %g: compiling, linking, testing' $Lines | Measure-Object
    if ($result.Count -ne $Lines) { throw "counted $($result.Count)" }
}
$elapsed = $watch.Elapsed.TotalMilliseconds
$self.Refresh()
ConvertTo-Json -Compress @{ ms = $elapsed; workingSetBeforeMB = $before / 1MB; peakWorkingSetMB = $self.PeakWorkingSet64 / 1MB }
