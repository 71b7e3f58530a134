# Test: what the tests need, the package, then every suite; the closing 'N passed, N failed' line sums them.

function Invoke-Test {
    Install-TestPrerequisites
    Invoke-Package
    Write-Summary @(Invoke-XunitSuites; Invoke-PesterSuite; Invoke-WindowsLane; Invoke-SecretScan)
}

function Invoke-XunitSuites {
    Remove-Item $ResultsOut -Recurse -Force -ErrorAction Ignore
    # The proxy tests start tinyproxy, which does not exist for Windows; they run on Linux and macOS.
    $filter = if ($IsWindows) { Write-Host 'Windows: the proxy tests (Category=Proxy) need tinyproxy and run on Linux and macOS only.'; @('--filter', 'Category!=Proxy') } else { @() }
    & dotnet test (Join-Path $Root 'KakaoPS.sln') -c $Configuration --nologo --logger trx --logger 'console;verbosity=normal' --results-directory $ResultsOut @filter
    $exitCode = $LASTEXITCODE
    $passed = 0; $failed = 0
    foreach ($trx in Get-ChildItem $ResultsOut -Filter *.trx -Recurse) {
        $counters = ([xml](Get-Content -Raw $trx.FullName)).TestRun.ResultSummary.Counters
        $passed += [int]$counters.passed
        $failed += [int]$counters.failed + [int]$counters.error + [int]$counters.timeout + [int]$counters.aborted
    }
    # A crashed test host leaves no result file: count the run itself as a failure.
    if ($exitCode -ne 0 -and $failed -eq 0) { $failed = 1 }
    [pscustomobject]@{ Suite = 'xunit'; Passed = $passed; Failed = $failed }
}

# The closing line CI reads, summed over every suite; any failure fails the run.
function Write-Summary([object[]] $Suites) {
    # Only the suites' rows: a task step may also have let a stray value (a $null) into the list.
    $Suites = @($Suites | Where-Object { $_ -and $_.PSObject.Properties['Passed'] })
    $Suites | Format-Table -AutoSize | Out-Host
    $passed = 0; $failed = 0
    foreach ($suite in $Suites) { $passed += $suite.Passed; $failed += $suite.Failed }
    Write-Host "$passed passed, $failed failed"
    if ($failed -gt 0) { exit 1 }
}
