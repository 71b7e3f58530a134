#Requires -Version 7.4
<#
.SYNOPSIS
    Builds, tests and runs KakaoPS.

.DESCRIPTION
    Tasks:
      Build     publish the module with its manifest into out/KakaoPS (importable by path) and the emulator into out/emulator
      Test      Package, then every suite: xunit (dotnet test KakaoPS.sln) and the Pester specs; ends with 'N passed, N failed'
      Demo      Build, start the emulator and run the lesson's whole flow through the cmdlets
      Emulator  Build, then run the emulator in the foreground (extra arguments go to it)
      Bench     Build, start the emulator and measure Send-KakaoMemo beside its alternatives (bench/, docs/benchmarks.md)
      Install   Build, then copy the module where Import-Module KakaoPS finds it by name
      Package   Build, then Publish-PSResource the module as out/repository/KakaoPS.<version>.nupkg (a local folder repository)
      Clean     remove out/ and every bin/ and obj/

    Run it as `dotnet pwsh ./build.ps1 -Task <task>` after `dotnet tool restore`.
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Demo', 'Emulator', 'Bench', 'Install', 'Package', 'Clean')]
    [string[]] $Task = 'Build',

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release',

    # Passed to the emulator by the Emulator task, e.g. -EmulatorArguments:'--urls http://127.0.0.1:5000'
    # (one string after a colon, so the same command works from bash and from PowerShell) or '--urls','http://…'.
    [string[]] $EmulatorArguments = @()
)

$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'
Set-StrictMode -Version Latest

$Root = $PSScriptRoot
$Out = Join-Path $Root 'out'
$ModuleOut = Join-Path $Out 'KakaoPS'
$EmulatorOut = Join-Path $Out 'emulator'
$ResultsOut = Join-Path $Out 'test-results'
$RepositoryOut = Join-Path $Out 'repository'
$Manifest = Join-Path $Root 'KakaoPS.psd1'
$Version = (Import-PowerShellDataFile $Manifest).ModuleVersion

function Invoke-Dotnet {
    & dotnet @args
    if ($LASTEXITCODE -ne 0) { throw "dotnet $($args -join ' ') failed with exit code $LASTEXITCODE" }
}

function Invoke-Build {
    # The manifest is the one version source: it is stamped into the assembly here.
    Invoke-Dotnet publish (Join-Path $Root 'src/KakaoPS/KakaoPS.csproj') -c $Configuration -o $ModuleOut "-p:Version=$Version" --nologo -v quiet
    Set-ReleaseNotes (Join-Path $ModuleOut 'KakaoPS.psd1')
    & (Join-Path $Root 'docs/Build-Help.ps1') -Destination $ModuleOut
    Invoke-Dotnet publish (Join-Path $Root 'src/KakaoPS.Emulator/KakaoPS.Emulator.csproj') -c $Configuration -o $EmulatorOut --nologo -v quiet
    Write-Host "Module $Version published to $ModuleOut"
}

# The published manifest is the source one with this version's section of CHANGELOG.md as its ReleaseNotes.
function Set-ReleaseNotes([string] $PublishedManifest) {
    $changelog = (Get-Content -Raw (Join-Path $Root 'CHANGELOG.md')) -replace "`r`n", "`n"
    if ($changelog -notmatch "(?ms)^## \[$([regex]::Escape($Version))\][^\n]*\n(.*?)(?=^## |\z)") {
        throw "CHANGELOG.md has no '## [$Version]' section; add one before building."
    }
    $notes = $Matches[1].Trim() -replace "'", "''"
    $manifest = Get-Content -Raw $Manifest
    if (-not $manifest.Contains("ReleaseNotes = ''")) { throw "KakaoPS.psd1 has no ReleaseNotes = '' placeholder." }
    # A BOM lets Windows PowerShell 5.1 read the Hangul in the manifest.
    [IO.File]::WriteAllText($PublishedManifest, $manifest.Replace("ReleaseNotes = ''", "ReleaseNotes = '$notes'"), [Text.UTF8Encoding]::new($true))
}

function Start-Emulator {
    param([string[]] $Arguments = @('--auto-consent'))

    $start = [System.Diagnostics.ProcessStartInfo]::new('dotnet')
    foreach ($argument in @((Join-Path $EmulatorOut 'KakaoPS.Emulator.dll'), '--urls', 'http://127.0.0.1:0') + $Arguments) {
        $start.ArgumentList.Add($argument)
    }
    $start.RedirectStandardOutput = $true
    $start.UseShellExecute = $false
    $process = [System.Diagnostics.Process]::Start($start)
    $deadline = [DateTime]::UtcNow.AddSeconds(30)
    while ([DateTime]::UtcNow -lt $deadline) {
        $line = $process.StandardOutput.ReadLine()
        if ($null -eq $line) { break }
        if ($line -match 'listening on (http://\S+)') {
            return [pscustomobject]@{ Process = $process; BaseUrl = $Matches[1] }
        }
    }
    $process.Kill($true)
    throw 'The emulator did not start.'
}

function Stop-Emulator($Emulator) {
    if ($Emulator -and -not $Emulator.Process.HasExited) {
        $Emulator.Process.Kill($true)
        $Emulator.Process.WaitForExit()
    }
}

function Get-PesterModule {
    $packages = (& dotnet nuget locals global-packages --list) -replace '^global-packages:\s*', ''
    $pester = Join-Path $packages.Trim() 'pester/5.7.1/tools/Pester.psd1'
    if (-not (Test-Path $pester)) { throw "Pester 5.7.1 is missing at $pester; 'dotnet restore' of tests/KakaoPS.Tests downloads it." }
    $pester
}

function Invoke-XunitSuites {
    Remove-Item $ResultsOut -Recurse -Force -ErrorAction Ignore
    & dotnet test (Join-Path $Root 'KakaoPS.sln') -c $Configuration --nologo --logger trx --logger 'console;verbosity=normal' --results-directory $ResultsOut
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

function Invoke-PesterSuite {
    $emulator = Start-Emulator
    $saved = @{}
    foreach ($name in 'KAKAOPS_AUTH_URL', 'KAKAOPS_API_URL') { $saved[$name] = [Environment]::GetEnvironmentVariable($name) }
    try {
        $env:KAKAOPS_AUTH_URL = $emulator.BaseUrl
        $env:KAKAOPS_API_URL = $emulator.BaseUrl
        Import-Module (Get-PesterModule) -Force
        $config = New-PesterConfiguration
        $config.Run.Path = Join-Path $Root 'tests/pester'
        $config.Run.PassThru = $true
        $config.Output.Verbosity = 'Detailed'
        $config.TestResult.Enabled = $true
        $config.TestResult.OutputPath = Join-Path $ResultsOut 'pester.xml'
        $result = Invoke-Pester -Configuration $config
        [pscustomobject]@{
            Suite  = 'pester'
            Passed = $result.PassedCount
            Failed = $result.FailedCount + $result.FailedBlocksCount + $result.FailedContainersCount
        }
    }
    finally {
        foreach ($name in $saved.Keys) { [Environment]::SetEnvironmentVariable($name, $saved[$name]) }
        Write-IssuedTokenHashes $emulator
        Stop-Emulator $emulator
    }
}

# The tests note every token their emulators issued as a SHA-256 hash (never the token) in this file.
function Get-IssuedTokenHashFile { Join-Path $ResultsOut 'issued-tokens.sha256' }

function Get-TokenHash([string] $Text) {
    [Convert]::ToHexString([System.Security.Cryptography.SHA256]::HashData([Text.Encoding]::UTF8.GetBytes($Text)))
}

function Write-IssuedTokenHashes($Emulator) {
    $issued = @((Invoke-RestMethod "$($Emulator.BaseUrl)/_emulator/tokens").issued)
    if ($issued.Count -gt 0) { $issued | ForEach-Object { Get-TokenHash $_ } | Add-Content (Get-IssuedTokenHashFile) }
}

# Every token an emulator issued during the run, looked for in every test log: zero hits or the run fails.
function Invoke-SecretScan {
    $hashes = [System.Collections.Generic.HashSet[string]]::new([string[]]@(Get-Content (Get-IssuedTokenHashFile) -ErrorAction Ignore))
    $hits = 0
    $logs = @(Get-ChildItem $ResultsOut -File -Recurse | Where-Object FullName -ne (Get-IssuedTokenHashFile))
    foreach ($log in $logs) {
        foreach ($run in [regex]::Matches((Get-Content -Raw $log.FullName), '[A-Za-z0-9_-]{20,}').Value) {
            # A token may sit inside a longer run of token characters: try every token-sized window too.
            $candidates = @($run) + @(if ($run.Length -gt 60) { 0..($run.Length - 60) | ForEach-Object { $run.Substring($_, 60) } })
            foreach ($candidate in $candidates) { if ($hashes.Contains((Get-TokenHash $candidate))) { $hits++ } }
        }
    }
    Write-Host "Secret scan: $($hashes.Count) issued tokens looked for in $($logs.Count) test logs: $hits found"
    $ok = $hits -eq 0 -and $hashes.Count -gt 0
    [pscustomobject]@{ Suite = 'secret-scan'; Passed = [int]$ok; Failed = [int](-not $ok) }
}

function Invoke-Test {
    Invoke-Package
    $suites = @(Invoke-XunitSuites; Invoke-PesterSuite; Invoke-SecretScan)
    $suites | Format-Table -AutoSize | Out-Host
    $passed = ($suites | Measure-Object Passed -Sum).Sum
    $failed = ($suites | Measure-Object Failed -Sum).Sum
    Write-Host "$passed passed, $failed failed"
    if ($failed -gt 0) { exit 1 }
}

function Invoke-Demo {
    Invoke-Build
    $emulator = Start-Emulator
    $work = New-Item -ItemType Directory (Join-Path ([IO.Path]::GetTempPath()) "kakaops-demo-$PID")
    $key = 'emulator-rest-api-key'
    try {
        $env:KAKAOPS_AUTH_URL = $emulator.BaseUrl
        $env:KAKAOPS_API_URL = $emulator.BaseUrl
        $env:KAKAOPS_TOKEN_PATH = Join-Path $work 'kakao_token.json'
        Import-Module (Join-Path $ModuleOut 'KakaoPS.psd1') -Force
        Write-Host "Local Kakao (emulator) at $($emulator.BaseUrl); token file $env:KAKAOPS_TOKEN_PATH" -ForegroundColor Cyan

        Write-Step '1. Get-KakaoAuthUrl: the page where the user consents'
        $url = Get-KakaoAuthUrl -RestApiKey $key -Scope talk_message
        $url | Format-List | Out-Host

        Write-Step '2. Consent: Kakao redirects to the redirect URI with ?code=… (the emulator consents at once)'
        $browser = [System.Net.Http.HttpClient]::new([System.Net.Http.HttpClientHandler]@{ AllowAutoRedirect = $false })
        $redirect = $browser.GetAsync($url.Url).GetAwaiter().GetResult()
        $code = [System.Web.HttpUtility]::ParseQueryString($redirect.Headers.Location.Query)['code']
        Write-Host "HTTP $([int]$redirect.StatusCode) -> $($redirect.Headers.Location -replace 'code=[^&]+', 'code=…')"

        Write-Step '3. Connect-Kakao -Code: tokens saved to kakao_token.json'
        Connect-Kakao -Code $code -RestApiKey $key | Format-List | Out-Host
        $saved = Get-Content -Raw $env:KAKAOPS_TOKEN_PATH | ConvertFrom-Json
        Write-Host "kakao_token.json fields: $(($saved.PSObject.Properties.Name) -join ', ')"

        Write-Step '4. Build output piped into Send-KakaoMemo'
        @('Restore complete (0.4s)', 'KakaoPS -> out/KakaoPS/KakaoPS.dll', 'Build succeeded. 0 Warning(s) 0 Error(s) ✅') |
            Send-KakaoMemo -Title '🔔 nightly build' | Format-Table | Out-Host

        Write-Step '5. Get-KakaoScope | Where-Object Agreed -eq $false'
        Get-KakaoScope | Format-Table | Out-Host
        $missing = @(Get-KakaoScope | Where-Object Agreed -eq $false)
        Write-Host "Consent items not agreed: $($missing.Count)"

        Write-Step '6. What Kakao received (the emulator''s inbox, also at its / page)'
        foreach ($message in (Invoke-RestMethod "$($emulator.BaseUrl)/_emulator/messages")) {
            Write-Host ($message.templateObject | ConvertFrom-Json).text
        }

        Write-Step '7. The lesson''s trap, running the exchange twice: a clear KOE320 error, the token file untouched'
        $before = Get-FileHash $env:KAKAOPS_TOKEN_PATH
        try { Connect-Kakao -Code $code -RestApiKey $key } catch { Write-Host "$($_.FullyQualifiedErrorId): $_`n  -> $($_.ErrorDetails.RecommendedAction)" -ForegroundColor Yellow }
        if ((Get-FileHash $env:KAKAOPS_TOKEN_PATH).Hash -ne $before.Hash) { throw 'The token file changed after a failed exchange.' }

        Write-Host "`nDemo finished: every step succeeded." -ForegroundColor Green
    }
    catch {
        Write-Host "Demo failed: $_" -ForegroundColor Red
        exit 1
    }
    finally {
        Stop-Emulator $emulator
        Remove-Item $work -Recurse -Force -ErrorAction Ignore
        Remove-Item Env:KAKAOPS_AUTH_URL, Env:KAKAOPS_API_URL, Env:KAKAOPS_TOKEN_PATH -ErrorAction Ignore
    }
}

function Write-Step([string] $Title) {
    Write-Host "`n== $Title" -ForegroundColor Cyan
}

function Invoke-Emulator {
    Invoke-Build
    $arguments = @($EmulatorArguments | ForEach-Object { $_ -split '\s+' } | Where-Object { $_ })
    & dotnet (Join-Path $EmulatorOut 'KakaoPS.Emulator.dll') @arguments
}

function Invoke-Bench {
    Invoke-Build
    $floor = Join-Path $Out 'bench/HttpFloor'
    $emptyModule = Join-Path $Out 'bench/EmptyModule'
    Invoke-Dotnet build (Join-Path $Root 'bench/HttpFloor/HttpFloor.csproj') -c Release -o $floor --nologo -v quiet
    Invoke-Dotnet build (Join-Path $Root 'bench/EmptyModule/EmptyModule.csproj') -c Release -o $emptyModule --nologo -v quiet
    $emulator = Start-Emulator
    try {
        $json = Join-Path $Root 'docs/benchmarks.json'
        & (Join-Path $Root 'bench/Bench.ps1') -BaseUrl $emulator.BaseUrl -ModulePath (Join-Path $ModuleOut 'KakaoPS.psd1') `
            -FloorPath (Join-Path $floor 'HttpFloor.dll') -EmptyModulePath (Join-Path $emptyModule 'EmptyModule.psd1') -JsonPath $json
        & (Join-Path $Root 'bench/Write-BenchReport.ps1') -JsonPath $json -MarkdownPath (Join-Path $Root 'docs/benchmarks.md')
    }
    finally {
        Stop-Emulator $emulator
    }
}

function Invoke-Install {
    Invoke-Build
    $userModules = if ($IsWindows) {
        Join-Path ([Environment]::GetFolderPath('MyDocuments')) 'PowerShell/Modules'
    }
    else {
        Join-Path ([Environment]::GetFolderPath('LocalApplicationData')) 'powershell/Modules'
    }
    $target = Join-Path $userModules "KakaoPS/$Version"
    Remove-Item $target -Recurse -Force -ErrorAction Ignore
    New-Item -ItemType Directory -Force $target | Out-Null
    Copy-Item (Join-Path $ModuleOut '*') $target -Recurse
    Write-Host "Installed KakaoPS $Version to $target; run: Import-Module KakaoPS"
}

function Invoke-Package {
    Invoke-Build
    Remove-Item $RepositoryOut -Recurse -Force -ErrorAction Ignore
    New-Item -ItemType Directory $RepositoryOut | Out-Null
    # A repository registered only for this publish, so the user's own repositories are left alone.
    $name = "KakaoPS-build-$PID"
    Register-PSResourceRepository -Name $name -Uri $RepositoryOut -Trusted
    try {
        Publish-PSResource -Path $ModuleOut -Repository $name
    }
    finally {
        Unregister-PSResourceRepository -Name $name
    }
    Write-Host "Package: $((Get-ChildItem $RepositoryOut -Filter *.nupkg).FullName) (Publish-PSResource -Path $ModuleOut pushes the same to PSGallery)"
}

function Invoke-Clean {
    Remove-Item $Out -Recurse -Force -ErrorAction Ignore
    Get-ChildItem $Root -Directory -Recurse -Include bin, obj | Remove-Item -Recurse -Force -ErrorAction Ignore
}

foreach ($name in $Task) {
    & "Invoke-$name"
}
