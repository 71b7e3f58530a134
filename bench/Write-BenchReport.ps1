#Requires -Version 7.4
<#
.SYNOPSIS
    Writes docs/benchmarks.md from the JSON that Bench.ps1 produced: tables, the machine, the targets.
    The hand-written notes of the page sit below the generated part and are kept.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $JsonPath,
    [Parameter(Mandatory)] [string] $MarkdownPath
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

$NotesMarker = '<!-- Notes below are kept when the tables are regenerated. -->'
$r = Get-Content -Raw $JsonPath | ConvertFrom-Json -DateKind String

function Row([object[]] $Cells) { '| ' + ($Cells -join ' | ') + ' |' }
function Ms($Value) { if ($Value -ge 100) { '{0:N0}' -f $Value } else { '{0:0.###}' -f $Value } }
function X($Ratio) { if ($null -eq $Ratio) { '–' } else { '{0:0.00}×' -f $Ratio } }
function Verdict([bool] $Met) { if ($Met) { 'met' } else { '**missed**' } }

$warm = $r.warmLatency
$floor = $warm.contenders | Where-Object name -like '*floor*'
$send = $warm.contenders | Where-Object name -eq 'Send-KakaoMemo'
$restMethod = $warm.contenders | Where-Object name -like 'Invoke-RestMethod*'
$oneShotSend = $r.oneShot.contenders | Where-Object name -like '*Send-KakaoMemo'
$oneShotFloor = $r.oneShot.contenders | Where-Object name -like '*(floor)'
$oneShotOverFloor = [math]::Round($oneShotSend.medianMs / $oneShotFloor.medianMs, 2)
$oneShotViews = $r.oneShot.contenders | Where-Object name -like '*format file (reference)'
$oneShotOverViews = if ($oneShotViews) { [math]::Round($oneShotSend.medianMs / $oneShotViews.medianMs, 2) }
$first = $r.firstCall
$import = $r.importCost
$importKakao, $importEmpty = $import.processes.contenders[1], $import.processes.contenders[2]
$importOverEmpty = [math]::Round($importKakao.medianMs / $importEmpty.medianMs, 2)
$sizes = @($r.pipeline.sizes)
$worstPipeline = ($sizes | ForEach-Object sendOverMeasure | Measure-Object -Maximum).Maximum
$worstPipelineCpu = ($sizes | ForEach-Object sendOverMeasureCpu | Measure-Object -Maximum).Maximum
$perLine = $sizes | ForEach-Object { $_.'Send-KakaoMemo'.nsPerLine }
$m = $r.machine
# The throttle phase is newer than some recorded runs, and may come from a run of its own (see its section).
$throttle = if ($r.PSObject.Properties['throttle']) { $r.throttle }
$throttled = if ($throttle) { @($throttle.contenders | Where-Object { $null -ne $_.remembered }) }
$worstThrottled = if ($throttle) { ($throttled | ForEach-Object medianOverUnthrottled | Measure-Object -Maximum).Maximum }

$lines = [System.Collections.Generic.List[string]]::new()
$lines.Add('# Benchmarks')
$lines.Add('')
$lines.Add('Send-KakaoMemo measured beside what users would use instead, against the local emulator, all in one run of')
$lines.Add('`dotnet pwsh ./build.ps1 -Task Bench` (harness in `bench/`, raw figures in `docs/benchmarks.json`). Every figure')
$lines.Add('stands beside its baseline from the same run; only the ratios carry over to another machine.')
$lines.Add('')
$lines.Add("Run $($r.date), commit ``$($r.commit)``, $($r.durationSec) s. Machine: $($m.nproc) cores ($($m.cpu)), $($m.memoryGB) GB, $($m.os), kernel $($m.kernel);")
$lines.Add(".NET SDK $($m.dotnet), PowerShell $($m.pwsh), Python $($m.python) with requests $($m.requests). Load average $($r.loadAverage.start) at the start, $($r.loadAverage.end) at the end (shared machine).")
$lines.Add('')
$lines.Add('## Targets')
$lines.Add('')
$lines.Add((Row 'target', 'goal', 'this run', 'status'))
$lines.Add((Row '---', '---', '---', '---'))
$lines.Add((Row '1 warm call vs HttpClient floor', '≤ 1.2×', (X $send.medianOverFloor), (Verdict ($send.medianOverFloor -le 1.2))))
$lines.Add((Row '1 (reference) vs floor + a no-op cmdlet call', '–', "$(X $warm.sendOverCmdletFloor) of $(Ms $warm.cmdletFloorMs) ms", '–'))
$lines.Add((Row '1 warm call vs Invoke-RestMethod loop', '≥ 3× faster', "$(X $send.restMethodOverThis) faster", (Verdict ($send.restMethodOverThis -ge 3))))
$lines.Add((Row '2 one-shot vs the floor process (import a bare binary module, one compiled raw POST)', '≤ 1.05×', "$(X $oneShotOverFloor) ($(Ms $oneShotSend.medianMs) vs $(Ms $oneShotFloor.medianMs) ms)", (Verdict ($oneShotOverFloor -le 1.05))))
$lines.Add((Row '2 (reference) one-shot vs the same floor from a module with a format file', '–', "$(X $oneShotOverViews) ($(Ms $oneShotSend.medianMs) vs $(Ms $oneShotViews.medianMs) ms)", '–'))
$lines.Add((Row '2 one-shot vs Invoke-RestMethod one-shot', '< 1×', "$(X $oneShotSend.medianOverBaseline) (CPU $(X $oneShotSend.cpuOverBaseline))", (Verdict ($oneShotSend.medianOverBaseline -lt 1))))
$lines.Add((Row '3 import vs the bare binary module (whole processes)', '≤ 1.10×', "$(X $importOverEmpty) ($(Ms $importKakao.medianMs) vs $(Ms $importEmpty.medianMs) ms)", (Verdict ($importOverEmpty -le 1.1))))
$lines.Add((Row '3 (reference) Import-Module over bare pwsh', '–', "$(Ms $import.overBarePwshMs) ms (CPU $(Ms $import.overBarePwshCpuMs) ms; in-process $(Ms $import.importModuleInProcessMs.kakaoPS.Median) ms); bare binary module $(Ms $import.emptyModuleOverBarePwshMs) ms", '–'))
$lines.Add((Row '4 first Send-KakaoMemo vs the compiled raw POST''s first call', '≤ 2×', "$(X $first.firstOverFloor) ($(Ms $first.KakaoPS.firstMs) vs $(Ms $first.Floor.firstMs) ms)", (Verdict ($first.firstOverFloor -le 2))))
$lines.Add((Row '5 pipeline vs Measure-Object', '≤ 1.5×', "worst $(X $worstPipeline) (CPU: worst $(X $worstPipelineCpu))", (Verdict ($worstPipeline -le 1.5))))
$lines.Add((Row '5 pipeline growth', 'linear', "$((($perLine | ForEach-Object { '{0:N0}' -f $_ }) -join ' / ')) ns per line", 'see table'))
$lines.Add((Row "5 peak memory $('{0:N0}' -f $sizes[-1].lines) over $('{0:N0}' -f $sizes[0].lines) lines", '≤ 30 MB', "$($r.pipeline.sendPeakGrowthMB) MB (Measure-Object: $($r.pipeline.measurePeakGrowthMB) MB)", (Verdict ($r.pipeline.sendPeakGrowthMB -le 30))))
if ($throttle) {
    $byCount = ($throttled | ForEach-Object { "$(X $_.medianOverUnthrottled) with $('{0:N0}' -f $_.remembered)" }) -join ', '
    $lines.Add((Row '6 throttled send vs unthrottled, per remembered alerts', '≤ 3×', $byCount, (Verdict ($worstThrottled -le 3))))
}
$lines.Add('')

$lines.Add('## 1. Warm latency per memo')
$lines.Add('')
$lines.Add("$($warm.callsPerContender / $warm.rounds) sequential sends in one session per contender, in $($warm.rounds) interleaved rounds (each contender a fresh process per round,")
$lines.Add("$($warm.warmUpCallsPerRound) unmeasured warm-up calls first; the emulator reset before each round): $($warm.callsPerContender) calls per contender. Per call, in milliseconds.")
$lines.Add('The reference row is the same PowerShell loop calling `Write-Output`: what PowerShell itself costs per command, before any HTTP.')
$lines.Add('')
$lines.Add((Row 'contender', 'median ms', 'p95 ms', 'min ms', 'median / floor', 'p95 / floor', 'Invoke-RestMethod loop / this'))
$lines.Add((Row '---', '--:', '--:', '--:', '--:', '--:', '--:'))
foreach ($c in $warm.contenders) {
    $lines.Add((Row $c.name, (Ms $c.medianMs), (Ms $c.p95Ms), (Ms $c.minMs), (X $c.medianOverFloor), (X $c.p95OverFloor), (X $c.restMethodOverThis)))
}
$lines.Add('')

$lines.Add('## 2. One-shot CI step')
$lines.Add('')
$lines.Add("A whole process that sends one memo, $($r.oneShot.runs) runs each, interleaved. Wall time as the caller sees it; peak memory is the")
$lines.Add('largest resident set (GNU time `%M`).')
$lines.Add('')
$lines.Add((Row 'contender', 'median ms', 'min–max ms', "/ $($r.oneShot.baseline)", 'CPU ms', 'CPU ratio', 'peak MB', 'memory ratio'))
$lines.Add((Row '---', '--:', '--:', '--:', '--:', '--:', '--:', '--:'))
foreach ($c in $r.oneShot.contenders) {
    $lines.Add((Row $c.name, (Ms $c.medianMs), "$(Ms $c.minMs)–$(Ms $c.maxMs)", (X $c.medianOverBaseline), (Ms $c.medianCpuMs), (X $c.cpuOverBaseline), ('{0:0.0}' -f $c.peakMemoryMB), (X $c.memoryOverBaseline)))
}
$lines.Add('')

$lines.Add('## 3. Import cost')
$lines.Add('')
$lines.Add("$($import.processes.runs) runs each, interleaved.")
$lines.Add('')
$lines.Add((Row 'process', 'median ms', 'min–max ms', 'ratio', 'CPU ms', 'peak MB'))
$lines.Add((Row '---', '--:', '--:', '--:', '--:', '--:'))
foreach ($c in $import.processes.contenders) {
    $lines.Add((Row $c.name, (Ms $c.medianMs), "$(Ms $c.minMs)–$(Ms $c.maxMs)", (X $c.medianOverBaseline), (Ms $c.medianCpuMs), ('{0:0.0}' -f $c.peakMemoryMB)))
}
$lines.Add('')
$lines.Add((Row 'Import-Module of', 'wall ms over bare pwsh (back-to-back differences, median)', 'CPU ms over bare pwsh (medians)', '`Measure-Command` in the process: median (min–max) ms'))
$lines.Add((Row '---', '--:', '--:', '--:'))
$inside = $import.importModuleInProcessMs
$lines.Add((Row 'KakaoPS', (Ms $import.overBarePwshMs), (Ms $import.overBarePwshCpuMs), "$(Ms $inside.kakaoPS.Median) ($(Ms $inside.kakaoPS.Min)–$(Ms $inside.kakaoPS.Max))"))
$lines.Add((Row 'a bare binary module (bench/EmptyModule)', (Ms $import.emptyModuleOverBarePwshMs), (Ms $import.emptyModuleOverBarePwshCpuMs), "$(Ms $inside.emptyModule.Median) ($(Ms $inside.emptyModule.Min)–$(Ms $inside.emptyModule.Max))"))
$lines.Add((Row 'the same with a one-view format file', '–', '–', "$(Ms $inside.emptyModuleWithFormat.Median) ($(Ms $inside.emptyModuleWithFormat.Min)–$(Ms $inside.emptyModuleWithFormat.Max))"))
$lines.Add('')

$lines.Add('## 4. First send in a fresh session')
$lines.Add('')
$lines.Add("A fresh ``pwsh`` imports the module, then times its first and second send inside the process (``bench/workloads/first-call.ps1``);")
$lines.Add("$($first.runs) processes each, interleaved; medians. The floor is ``Send-RawPost`` of ``bench/EmptyModule``: one compiled raw ``HttpClient`` POST")
$lines.Add('of the same form, with the access token given. The runtime columns are what the first call cost: methods the JIT compiled')
$lines.Add('(`System.Runtime.JitInfo`, every thread), their compile time, and assemblies loaded.')
$lines.Add('')
$lines.Add((Row 'first call of', 'first ms', 'second ms', 'methods compiled', 'JIT ms', 'assemblies loaded'))
$lines.Add((Row '---', '--:', '--:', '--:', '--:', '--:'))
foreach ($name in 'KakaoPS', 'Floor') {
    $c = $first.$name
    $label = if ($name -eq 'KakaoPS') { 'Send-KakaoMemo' } else { 'the compiled raw POST (floor)' }
    $lines.Add((Row $label, (Ms $c.firstMs), (Ms $c.secondMs), ('{0:N0}' -f $c.jitMethods), (Ms $c.jitMs), $c.assemblies))
}
$lines.Add('')

$lines.Add('## 5. Pipeline scale')
$lines.Add('')
$lines.Add("The lines of a build log (``[IO.File]::ReadLines(`$log)``, plain strings streamed one at a time) piped into ``Send-KakaoMemo -Title …`` (one message, tail kept) or into")
$lines.Add("``Measure-Object``; a fresh process per run, $($r.pipeline.runs) runs each, interleaved; medians. Time is the pipeline alone; the working set is the process's.")
$lines.Add('')
$lines.Add((Row 'lines', 'Send-KakaoMemo ms', 'Measure-Object ms', 'ratio', 'CPU ratio', 'Send ns/line', 'Measure ns/line', 'Send peak WS MB', 'Measure peak WS MB'))
$lines.Add((Row '--:', '--:', '--:', '--:', '--:', '--:', '--:', '--:', '--:'))
foreach ($s in $sizes) {
    $lines.Add((Row ('{0:N0}' -f $s.lines), (Ms $s.'Send-KakaoMemo'.medianMs), (Ms $s.'Measure-Object'.medianMs), (X $s.sendOverMeasure), (X $s.sendOverMeasureCpu),
            ('{0:N0}' -f $s.'Send-KakaoMemo'.nsPerLine), ('{0:N0}' -f $s.'Measure-Object'.nsPerLine),
            ('{0:0.0}' -f $s.'Send-KakaoMemo'.peakWorkingSetMB), ('{0:0.0}' -f $s.'Measure-Object'.peakWorkingSetMB)))
}
$lines.Add('')

if ($throttle) {
    $lines.Add('## 6. Throttled sends')
    $lines.Add('')
    $lines.Add("``Send-KakaoMemo -Text <a different alert of about 110 characters>`` in a loop in one session, without and with ``-Throttle '01:00:00'``, after the throttle was made")
    $lines.Add("to remember 0, 1,000 or 5,000 other alerts (``bench/workloads/warm-throttle.ps1``); each contender a fresh process per round, $($throttle.rounds) interleaved rounds,")
    $lines.Add("$($throttle.warmUpCallsPerRound) unmeasured warm-up calls first: $('{0:N0}' -f $throttle.callsPerContender) calls per contender. Per call, in milliseconds.")
    $lines.Add('')
    $lines.Add((Row 'contender', 'median ms', 'p95 ms', 'min ms', 'median / unthrottled', 'p95 / unthrottled'))
    $lines.Add((Row '---', '--:', '--:', '--:', '--:', '--:'))
    foreach ($c in $throttle.contenders) {
        $lines.Add((Row $c.name, (Ms $c.medianMs), (Ms $c.p95Ms), (Ms $c.minMs), (X $c.medianOverUnthrottled), (X $c.p95OverUnthrottled)))
    }
    $lines.Add('')
}

$notes = "$NotesMarker`n"
if (Test-Path $MarkdownPath) {
    $existing = Get-Content -Raw $MarkdownPath
    $at = $existing.IndexOf($NotesMarker)
    if ($at -ge 0) { $notes = $existing.Substring($at) }
}
Set-Content -Path $MarkdownPath -Value (($lines -join "`n") + "`n" + $notes) -NoNewline
Write-Host "Report written to $MarkdownPath"
