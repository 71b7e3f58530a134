#Requires -Version 7.4
<#
.SYNOPSIS
    Measures Send-KakaoMemo beside what users would use instead, against a running emulator.

.DESCRIPTION
    Five comparisons, each contender run in its own process and interleaved with its baselines
    so that the noise of a shared machine falls on all of them alike:
      1. warm latency per memo: Send-KakaoMemo, raw HttpClient (the floor), an Invoke-RestMethod loop, Python requests.post
      2. one-shot CI step: a whole pwsh process with Send-KakaoMemo, the same with one compiled raw POST (the floor),
         with Invoke-RestMethod, python3 send_memo.py
      3. import cost: Import-Module KakaoPS over a bare pwsh, beside a bare binary module (bench/EmptyModule)
      4. first send in a fresh session: Send-KakaoMemo's first call beside the compiled raw POST's first call
      5. pipeline scale: 10^4..10^6 lines into Send-KakaoMemo, and into Measure-Object
      6. throttled sends: Send-KakaoMemo -Throttle with 0, 1,000 and 5,000 alerts remembered, beside an unthrottled send
    Writes the raw figures to -JsonPath; Write-BenchReport.ps1 turns them into the Markdown page.
    Run through `dotnet pwsh ./build.ps1 -Task Bench`, which builds and starts the emulator.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $BaseUrl,
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $FloorPath,
    [Parameter(Mandatory)] [string] $EmptyModulePath,
    [Parameter(Mandatory)] [string] $JsonPath,
    [int] $WarmCalls = 300,    # per session, as a script that sends many memos would
    [int] $WarmRounds = 6,
    [int] $WarmUp = 50,
    [int] $ProcessRuns = 10,
    [int[]] $PipelineSizes = @(10000, 100000, 1000000),
    [int] $PipelineRuns = 5,
    [int] $ThrottleRounds = 4,
    [int[]] $ThrottleRemembered = @(0, 1000, 5000),
    # Only these phases (the JSON then lacks the others, and no page is written from it).
    [ValidateSet('warm', 'oneShot', 'import', 'firstCall', 'pipeline', 'throttle')]
    [string[]] $Phase = @('warm', 'oneShot', 'import', 'firstCall', 'pipeline', 'throttle')
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
. (Join-Path $PSScriptRoot 'BenchTools.ps1')

$Root = Split-Path $PSScriptRoot -Parent   # `dotnet pwsh` works only at or below dotnet-tools.json
$Workloads = Join-Path $PSScriptRoot 'workloads'
$CmdletCall = 'reference: Write-Output (no HTTP)'
$Work = New-Item -ItemType Directory -Force (Join-Path ([IO.Path]::GetTempPath()) "kakaops-bench-$PID")
$TokenPath = Join-Path $Work 'kakao_token.json'
$Variables = @{ KAKAOPS_AUTH_URL = $BaseUrl; KAKAOPS_API_URL = $BaseUrl; KAKAOPS_TOKEN_PATH = $TokenPath; KAKAO_REST_API_KEY = 'emulator-rest-api-key' }
$Saved = @{}
foreach ($name in $Variables.Keys) {
    $Saved[$name] = [Environment]::GetEnvironmentVariable($name)
    [Environment]::SetEnvironmentVariable($name, $Variables[$name])   # inherited by every measured process
}

function Reset-Emulator {
    # A fresh store per round and phase: the emulator keeps every message and request, and counts the
    # daily quota by scanning its messages on each send. The quota is switched off so that scan never runs.
    $null = Invoke-RestMethod -Method Post "$BaseUrl/_emulator/reset" -ContentType application/json -Body '{}'
    $null = Invoke-RestMethod -Method Put "$BaseUrl/_emulator/apps/emulator-rest-api-key" -ContentType 'application/json' -Body '{"dailyQuota":0}'
    # Kakao's token response as kakao_token.json keeps it, with the hosts that issued the tokens (KakaoPS
    # never sends a token elsewhere); the lesson's loops read access_token from the same file.
    $tokens = Invoke-RestMethod -Method Post "$BaseUrl/_emulator/tokens" -ContentType 'application/json' -Body '{}'
    $tokens | Add-Member client_id 'emulator-rest-api-key'
    $tokens | Add-Member auth_url $BaseUrl
    $tokens | Add-Member api_url $BaseUrl
    $tokens | ConvertTo-Json -Compress | Set-Content -NoNewline $TokenPath
    # Owner-only, as KakaoPS writes it: a file others can read is narrowed with a warning on the first send.
    if (-not $IsWindows) { [IO.File]::SetUnixFileMode($TokenPath, [IO.UnixFileMode]'UserRead, UserWrite') }
    $env:BENCH_ACCESS_TOKEN = $tokens.access_token   # for the floor's raw POST, which reads no token file
    $tokens.access_token
}

function Initialize-Emulator {
    # The emulator stands in for Kakao's servers, which are warm: a fresh emulator answers its first few
    # thousand requests from code .NET has not finished compiling, which would slow whichever contender
    # ran first and add its own JIT to every figure. 3,000 memos from the compiled floor client, then a
    # pause for the runtime to finish compiling in the background.
    $token = Reset-Emulator
    $null = Invoke-Measured @('dotnet', $FloorPath, $BaseUrl, $token, 3000, 1) -WorkingDirectory $Root
    Start-Sleep -Seconds 2
}

function Get-MessageCount { @(Invoke-RestMethod "$BaseUrl/_emulator/messages").Count }

function Measure-WarmLatency {
    $perRound = $WarmCalls
    $contenders = [ordered]@{
        'HttpClient (C#, floor)' = { param($token) @('dotnet', $FloorPath, $BaseUrl, $token, $WarmUp, $perRound) }
        'Send-KakaoMemo'         = { param($token) @('dotnet', 'pwsh', '-NoProfile', '-File', "$Workloads/warm-sendkakaomemo.ps1", $ModulePath, $WarmUp, $perRound) }
        'Invoke-RestMethod loop' = { param($token) @('dotnet', 'pwsh', '-NoProfile', '-File', "$Workloads/warm-invokerestmethod.ps1", $WarmUp, $perRound) }
        'Python requests.post'   = { param($token) @('python3', "$Workloads/warm_requests.py", $WarmUp, $perRound) }
        $CmdletCall              = { param($token) @('dotnet', 'pwsh', '-NoProfile', '-File', "$Workloads/warm-cmdletcall.ps1", $WarmUp, $perRound) }
    }
    $times = @{}
    foreach ($name in $contenders.Keys) { $times[$name] = [System.Collections.Generic.List[double]]::new() }
    $messages = @()
    for ($round = 0; $round -lt $WarmRounds; $round++) {
        $token = Reset-Emulator
        foreach ($name in (Get-Rotated @($contenders.Keys) $round)) {
            Write-Host "  warm round $($round + 1)/$($WarmRounds): $name"
            $run = Invoke-Measured (& $contenders[$name] $token) -WorkingDirectory $Root
            $times[$name].AddRange([double[]](ConvertFrom-Json $run.Output))
        }
        $messages += Get-MessageCount
    }
    $floor = Get-Stats $times['HttpClient (C#, floor)']
    $restMethod = Get-Stats $times['Invoke-RestMethod loop']
    $call = Get-Stats $times[$CmdletCall]
    $send = Get-Stats $times['Send-KakaoMemo']
    $calls = $perRound * $WarmRounds
    [ordered]@{
        # No cmdlet can beat the HTTP floor plus PowerShell's own cost of invoking a command.
        cmdletFloorMs        = $floor.Median + $call.Median
        sendOverCmdletFloor  = Get-Ratio $send.Median ($floor.Median + $call.Median)
        callsPerContender    = $calls
        rounds               = $WarmRounds
        warmUpCallsPerRound  = $WarmUp
        emulatorMessagesPerRound = $messages
        contenders           = @(foreach ($name in $contenders.Keys) {
                $stats = Get-Stats $times[$name]
                [ordered]@{
                    name               = $name
                    medianMs           = $stats.Median
                    p95Ms              = $stats.P95
                    minMs              = $stats.Min
                    medianOverFloor    = Get-Ratio $stats.Median $floor.Median
                    p95OverFloor       = Get-Ratio $stats.P95 $floor.P95
                    restMethodOverThis = Get-Ratio $restMethod.Median $stats.Median
                }
            })
    }
}

function Measure-OneShot {
    $null = Reset-Emulator
    $send = "Import-Module '$ModulePath'; Send-KakaoMemo -Text 'CI step finished' | Out-Null"
    $restMethod = '$t = (Get-Content $env:KAKAOPS_TOKEN_PATH -Raw | ConvertFrom-Json).access_token; ' +
        '$body = @{ template_object = (@{ object_type = ''text''; text = ''CI step finished''; link = @{ web_url = ''https://developers.kakao.com'' } } | ConvertTo-Json -Compress) }; ' +
        '$r = Invoke-RestMethod -Method Post -Uri "$env:KAKAOPS_API_URL/v2/api/talk/memo/default/send" -Headers @{ Authorization = "Bearer $t" } -Body $body; ' +
        'if ($r.result_code -ne 0) { exit 1 }'
    $floor = "Import-Module '$EmptyModulePath'; Send-RawPost `$env:KAKAOPS_API_URL `$env:BENCH_ACCESS_TOKEN 'CI step finished'"
    # The same floor from a module with a one-view format file: importing any format file makes PowerShell
    # rebuild its whole format database, a cost every module with views pays.
    $floorWithViews = $floor.Replace($EmptyModulePath, (Join-Path (Split-Path $EmptyModulePath) 'EmptyModuleWithFormat.psd1'))
    Measure-Processes -Runs $ProcessRuns -Contenders ([ordered]@{
            'pwsh + Send-KakaoMemo'    = @('dotnet', 'pwsh', '-NoProfile', '-c', $send)
            'pwsh + one compiled raw POST (floor)' = @('dotnet', 'pwsh', '-NoProfile', '-c', $floor)
            'pwsh + one compiled raw POST, module with a format file (reference)' = @('dotnet', 'pwsh', '-NoProfile', '-c', $floorWithViews)
            'pwsh + Invoke-RestMethod' = @('dotnet', 'pwsh', '-NoProfile', '-c', $restMethod)
            'python3 send_memo.py'     = @('python3', "$Workloads/send_memo.py")
        }) -Baseline 'pwsh + Invoke-RestMethod' -WorkingDirectory $Root
}

function Measure-ImportCost {
    # The empty module shows what PowerShell charges for importing any binary module with a manifest.
    $withFormat = Join-Path (Split-Path $EmptyModulePath) 'EmptyModuleWithFormat.psd1'
    $modules = [ordered]@{ 'KakaoPS' = $ModulePath; 'bare binary module' = $EmptyModulePath; 'bare binary module and a format file' = $withFormat }
    $processes = Measure-Processes -Runs $ProcessRuns -Contenders ([ordered]@{
            'pwsh -c exit'                           = @('dotnet', 'pwsh', '-NoProfile', '-c', 'exit')
            'pwsh -c Import-Module KakaoPS; exit'    = @('dotnet', 'pwsh', '-NoProfile', '-c', "Import-Module '$ModulePath'; exit")
            'pwsh -c Import-Module (a bare binary module); exit' = @('dotnet', 'pwsh', '-NoProfile', '-c', "Import-Module '$EmptyModulePath'; exit")
        }) -Baseline 'pwsh -c exit' -WorkingDirectory $Root
    # The same cost timed inside the process, free of process start-up noise.
    $inside = @{}
    foreach ($name in $modules.Keys) { $inside[$name] = [System.Collections.Generic.List[double]]::new() }
    for ($i = 0; $i -lt $ProcessRuns; $i++) {
        foreach ($name in (Get-Rotated @($modules.Keys) $i)) {
            $run = Invoke-Measured @('dotnet', 'pwsh', '-NoProfile', '-c', "(Measure-Command { Import-Module '$($modules[$name])' }).TotalMilliseconds") -WorkingDirectory $Root
            $inside[$name].Add([double]$run.Output)
        }
    }
    $bare, $kakao, $empty = $processes.contenders
    [ordered]@{
        processes                   = $processes
        overBarePwshMs              = $kakao.pairedDifferenceMs
        overBarePwshCpuMs           = $kakao.medianCpuMs - $bare.medianCpuMs
        emptyModuleOverBarePwshMs   = $empty.pairedDifferenceMs
        emptyModuleOverBarePwshCpuMs = $empty.medianCpuMs - $bare.medianCpuMs
        importModuleInProcessMs     = [ordered]@{
            kakaoPS     = Get-Stats $inside['KakaoPS']
            emptyModule = Get-Stats $inside['bare binary module']
            emptyModuleWithFormat = Get-Stats $inside['bare binary module and a format file']
        }
    }
}

function Measure-FirstCall {
    $null = Reset-Emulator
    $samples = @{ KakaoPS = [System.Collections.Generic.List[object]]::new(); Floor = [System.Collections.Generic.List[object]]::new() }
    for ($run = 0; $run -lt $ProcessRuns; $run++) {
        foreach ($contender in (Get-Rotated @('KakaoPS', 'Floor') $run)) {
            Write-Host "  run $($run + 1)/$($ProcessRuns): first call of $contender"
            $process = Invoke-Measured @('dotnet', 'pwsh', '-NoProfile', '-File', "$Workloads/first-call.ps1", $contender, $ModulePath, $EmptyModulePath) -WorkingDirectory $Root
            $samples[$contender].Add((ConvertFrom-Json $process.Output))
        }
    }
    $result = [ordered]@{ runs = $ProcessRuns }
    foreach ($contender in 'KakaoPS', 'Floor') {
        $result[$contender] = [ordered]@{
            firstMs    = (Get-Stats ($samples[$contender] | ForEach-Object firstMs)).Median
            secondMs   = (Get-Stats ($samples[$contender] | ForEach-Object secondMs)).Median
            jitMethods = (Get-Stats ($samples[$contender] | ForEach-Object jitMethods)).Median
            jitMs      = (Get-Stats ($samples[$contender] | ForEach-Object jitMs)).Median
            assemblies = (Get-Stats ($samples[$contender] | ForEach-Object assemblies)).Median
        }
    }
    # Runs i of the two ran back to back: the median of their ratios cancels slow drifts of the load.
    $result.firstOverFloor = (Get-Stats @(for ($i = 0; $i -lt $ProcessRuns; $i++) { $samples.KakaoPS[$i].firstMs / $samples.Floor[$i].firstMs })).Median
    $result
}

function Measure-PipelineScale {
    $null = Reset-Emulator
    $logs = @{}
    foreach ($lines in $PipelineSizes) {
        $logs[$lines] = Join-Path $Work "build-$lines.log"
        & seq -f 'build output line %g: compiling, linking, testing' $lines > $logs[$lines]
    }
    $runs = @{}
    for ($run = 0; $run -lt $PipelineRuns; $run++) {
        foreach ($lines in $PipelineSizes) {
            foreach ($target in (Get-Rotated @('Send-KakaoMemo', 'Measure-Object') $run)) {
                Write-Host "  pipeline run $($run + 1)/$($PipelineRuns): $lines lines into $target"
                $process = Invoke-Measured @('dotnet', 'pwsh', '-NoProfile', '-File', "$Workloads/pipeline.ps1", $ModulePath, $logs[$lines], $lines, $target) -WorkingDirectory $Root
                $key = "$lines/$target"
                if (-not $runs.ContainsKey($key)) { $runs[$key] = [System.Collections.Generic.List[object]]::new() }
                $runs[$key].Add((ConvertFrom-Json $process.Output))
            }
        }
    }
    $rows = foreach ($lines in $PipelineSizes) {
        $row = [ordered]@{ lines = $lines }
        foreach ($target in 'Send-KakaoMemo', 'Measure-Object') {
            $samples = $runs["$lines/$target"]
            $row[$target] = [ordered]@{
                medianMs           = (Get-Stats ($samples | ForEach-Object ms)).Median
                medianCpuMs        = (Get-Stats ($samples | ForEach-Object cpuMs)).Median
                nsPerLine          = (Get-Stats ($samples | ForEach-Object ms)).Median * 1e6 / $lines
                peakWorkingSetMB   = (Get-Stats ($samples | ForEach-Object peakWorkingSetMB)).Median
                workingSetBeforeMB = (Get-Stats ($samples | ForEach-Object workingSetBeforeMB)).Median
            }
        }
        $row.sendOverMeasure = Get-Ratio $row['Send-KakaoMemo'].medianMs $row['Measure-Object'].medianMs
        $row.sendOverMeasureCpu = Get-Ratio $row['Send-KakaoMemo'].medianCpuMs $row['Measure-Object'].medianCpuMs
        $row
    }
    $first = $rows[0]['Send-KakaoMemo']; $last = $rows[-1]['Send-KakaoMemo']
    [ordered]@{
        runs                         = $PipelineRuns
        sizes                        = @($rows)
        sendPeakGrowthMB             = [math]::Round($last.peakWorkingSetMB - $first.peakWorkingSetMB, 1)
        measurePeakGrowthMB          = [math]::Round($rows[-1]['Measure-Object'].peakWorkingSetMB - $rows[0]['Measure-Object'].peakWorkingSetMB, 1)
    }
}

function Measure-Throttle {
    # Each contender a fresh process per round, rotated; each call a different alert, as a monitoring loop sends them.
    $contenders = [ordered]@{ 'Send-KakaoMemo (unthrottled)' = @(0, 'unthrottled') }
    foreach ($remembered in $ThrottleRemembered) { $contenders["Send-KakaoMemo -Throttle, $remembered remembered"] = @($remembered, 'throttled') }
    $times = @{}
    foreach ($name in $contenders.Keys) { $times[$name] = [System.Collections.Generic.List[double]]::new() }
    for ($round = 0; $round -lt $ThrottleRounds; $round++) {
        foreach ($name in (Get-Rotated @($contenders.Keys) $round)) {
            $null = Reset-Emulator
            Write-Host "  throttle round $($round + 1)/$($ThrottleRounds): $name"
            $remembered, $mode = $contenders[$name]
            $run = Invoke-Measured @('dotnet', 'pwsh', '-NoProfile', '-File', "$Workloads/warm-throttle.ps1", $ModulePath, $WarmUp, $WarmCalls, $remembered, $mode) -WorkingDirectory $Root
            $times[$name].AddRange([double[]](ConvertFrom-Json $run.Output))
        }
    }
    $plain = Get-Stats $times['Send-KakaoMemo (unthrottled)']
    [ordered]@{
        rounds            = $ThrottleRounds
        callsPerContender = $WarmCalls * $ThrottleRounds
        warmUpCallsPerRound = $WarmUp
        contenders        = @(foreach ($name in $contenders.Keys) {
                $stats = Get-Stats $times[$name]
                [ordered]@{
                    name              = $name
                    remembered        = if ($contenders[$name][1] -eq 'throttled') { $contenders[$name][0] } else { $null }
                    medianMs          = $stats.Median
                    p95Ms             = $stats.P95
                    minMs             = $stats.Min
                    medianOverUnthrottled = Get-Ratio $stats.Median $plain.Median
                    p95OverUnthrottled    = Get-Ratio $stats.P95 $plain.P95
                }
            })
    }
}

try {
    $started = Get-Date
    $load = @{ start = Get-LoadAverage }
    $phases = [ordered]@{
        warm      = @('warm latency per memo', { Measure-WarmLatency })
        oneShot   = @('one-shot CI step', { Measure-OneShot })
        import    = @('import cost', { Measure-ImportCost })
        firstCall = @('first send in a fresh session', { Measure-FirstCall })
        pipeline  = @('pipeline scale', { Measure-PipelineScale })
        throttle  = @('throttled sends', { Measure-Throttle })
    }
    Write-Host 'warming up the emulator'
    Initialize-Emulator
    $measured = @{}
    $number = 0
    foreach ($name in $phases.Keys) {
        $number++
        if ($Phase -notcontains $name) { continue }
        Write-Host "$number/$($phases.Count) $($phases[$name][0])"
        $measured[$name] = & $phases[$name][1]
    }
    $load.end = Get-LoadAverage

    $results = [ordered]@{
        date        = $started.ToUniversalTime().ToString('yyyy-MM-ddTHH:mm:ssZ')
        durationSec = [math]::Round(((Get-Date) - $started).TotalSeconds)
        commit      = (& git -C $Root rev-parse --short HEAD)
        machine     = Get-MachineInfo -WorkingDirectory $Root
        loadAverage = $load
        warmLatency = $measured['warm']
        oneShot     = $measured['oneShot']
        importCost  = $measured['import']
        firstCall   = $measured['firstCall']
        pipeline    = $measured['pipeline']
        throttle    = $measured['throttle']
    }
    New-Item -ItemType Directory -Force (Split-Path $JsonPath) | Out-Null
    $results | ConvertTo-Json -Depth 10 | Set-Content $JsonPath
    Write-Host "Results written to $JsonPath"
}
finally {
    foreach ($name in $Saved.Keys) { [Environment]::SetEnvironmentVariable($name, $Saved[$name]) }
    Remove-Item Env:BENCH_ACCESS_TOKEN -ErrorAction Ignore
    Remove-Item $Work -Recurse -Force -ErrorAction Ignore
}
