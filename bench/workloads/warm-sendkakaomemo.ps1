# Send-KakaoMemo called in a loop in one session; prints the milliseconds of each measured call as JSON.
param([string] $ModulePath, [int] $Warmup, [int] $Count)
$ErrorActionPreference = 'Stop'
Import-Module $ModulePath

$watch = [System.Diagnostics.Stopwatch]::new()
for ($i = 0; $i -lt $Warmup; $i++) { $null = Send-KakaoMemo -Text "warm-up $i" }
$times = for ($i = 0; $i -lt $Count; $i++) {
    $watch.Restart()
    $null = Send-KakaoMemo -Text "Send-KakaoMemo $i"
    $watch.Elapsed.TotalMilliseconds
}
ConvertTo-Json -Compress @($times)
