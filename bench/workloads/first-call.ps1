# A fresh session's first send, timed inside the process: Send-KakaoMemo, or the floor (one compiled raw
# HttpClient POST from bench/EmptyModule). Prints the first and second call's milliseconds and what the
# first call cost the runtime (methods compiled by the JIT, their compile time, assemblies loaded) as JSON.
param([ValidateSet('KakaoPS', 'Floor')] [string] $Contender, [string] $ModulePath, [string] $EmptyModulePath)
$ErrorActionPreference = 'Stop'
Import-Module $(if ($Contender -eq 'KakaoPS') { $ModulePath } else { $EmptyModulePath })
$send = if ($Contender -eq 'KakaoPS') {
    { $null = Send-KakaoMemo -Text 'CI step finished' }
}
else {
    { Send-RawPost $env:KAKAOPS_API_URL $env:BENCH_ACCESS_TOKEN 'CI step finished' }
}

$methods = [System.Runtime.JitInfo]::GetCompiledMethodCount($false)
$jitTime = [System.Runtime.JitInfo]::GetCompilationTime($false)
$assemblies = [AppDomain]::CurrentDomain.GetAssemblies().Count
$watch = [System.Diagnostics.Stopwatch]::StartNew()
. $send
$first = $watch.Elapsed.TotalMilliseconds
$methods = [System.Runtime.JitInfo]::GetCompiledMethodCount($false) - $methods
$jitTime = ([System.Runtime.JitInfo]::GetCompilationTime($false) - $jitTime).TotalMilliseconds
$assemblies = [AppDomain]::CurrentDomain.GetAssemblies().Count - $assemblies
$watch.Restart()
. $send
$second = $watch.Elapsed.TotalMilliseconds
ConvertTo-Json -Compress @{ firstMs = $first; secondMs = $second; jitMethods = $methods; jitMs = $jitTime; assemblies = $assemblies }
