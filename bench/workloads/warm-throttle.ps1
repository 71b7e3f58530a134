# Send-KakaoMemo called in a loop in one session, each call a different alert of about 110 characters, with or
# without -Throttle, after the throttle was made to remember $Remembered other alerts; prints the milliseconds
# of each measured call as JSON.
param([string] $ModulePath, [int] $Warmup, [int] $Count, [int] $Remembered, [string] $Mode)
$ErrorActionPreference = 'Stop'
Import-Module $ModulePath

# Every contender starts from an empty throttle beside the bench's token file.
$folder = Join-Path (Split-Path $env:KAKAOPS_TOKEN_PATH) 'kakao_throttle'
Remove-Item -LiteralPath $folder -Recurse -Force -ErrorAction Ignore

function Get-Alert([string] $Kind, [int] $Number) {
    "ALERT [$Kind-$Number] disk /var on host build-agent-$($Number % 97) is 91% full; 3.2 GB left, growing 120 MB an hour"
}

$throttle = @{}
if ($Mode -eq 'throttled') { $throttle.Throttle = [timespan]'01:00:00' }
if ($Remembered -gt 0) {
    # As a monitoring loop would have filled it: one -Each pipeline of different alerts.
    $null = 1..$Remembered | ForEach-Object { Get-Alert 'remembered' $_ } | Send-KakaoMemo -Each -Throttle '01:00:00'
}

$watch = [System.Diagnostics.Stopwatch]::new()
for ($i = 0; $i -lt $Warmup; $i++) { $null = Send-KakaoMemo -Text (Get-Alert 'warm-up' $i) @throttle }
$times = for ($i = 0; $i -lt $Count; $i++) {
    $text = Get-Alert 'measured' $i
    $watch.Restart()
    $result = Send-KakaoMemo -Text $text @throttle
    $watch.Elapsed.TotalMilliseconds
    if (-not $result.Success) { throw "not sent: $text" }
}
ConvertTo-Json -Compress @($times)
