#Requires -Version 7.4
<#
.SYNOPSIS
    Builds, tests and runs KakaoPS.

.DESCRIPTION
    Tasks:
      Build     publish the module with its manifest into out/KakaoPS (importable by path) and the emulator into out/emulator
      Test      check (or install) what the tests need, Package, then every suite: xunit (dotnet test KakaoPS.sln) and the
                Pester specs; ends with 'N passed, N failed'
      Pester    Build, then only the Pester specs; -PesterHost powershell runs them in Windows PowerShell 5.1
      Demo      Build, start the emulator and run the lesson's whole flow through the cmdlets
      Emulator  Build, then run the emulator in the foreground (extra arguments go to it)
      Bench     Build, start the emulator and measure Send-KakaoMemo beside its alternatives (bench/, docs/benchmarks.md)
      Install   Build, then copy the module where Import-Module KakaoPS finds it by name
      Package   Build, then Publish-PSResource the module as out/repository/KakaoPS.<version>.nupkg (a local folder repository)
      Clean     remove out/ and every bin/ and obj/

    Run it as `dotnet pwsh ./build.ps1 -Task <task>` after `dotnet tool restore`. The module is built once per
    run, however many tasks need it.

    The Test task needs a Chromium-based browser, Korean and emoji fonts and tinyproxy. On Debian or Ubuntu,
    run as root, it installs what is missing with apt-get; anywhere else (or with -NoInstall) it stops before
    any test and prints the command that installs them.
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Pester', 'Demo', 'Emulator', 'Bench', 'Install', 'Package', 'Clean')]
    [string[]] $Task = 'Build',

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release',

    # Passed to the emulator by the Emulator task, e.g. -EmulatorArguments:'--urls http://127.0.0.1:5000'
    # (one string after a colon, so the same command works from bash and from PowerShell) or '--urls','http://…'.
    [string[]] $EmulatorArguments = @(),

    # Test: never install missing test prerequisites; stop with the command that installs them instead.
    [switch] $NoInstall,

    # Pester: the PowerShell that runs the specs against the built module, e.g. 'powershell' (Windows PowerShell 5.1).
    [string] $PesterHost,

    # Bench: only these phases (warm, oneShot, import, firstCall, pipeline), -BenchRuns processes each; the
    # figures go to out/bench/benchmarks.json and docs/benchmarks.md is left as it is.
    [string[]] $BenchPhase,
    [int] $BenchRuns = 10
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
# Read as text: the manifest chooses its RootModule by edition, which Import-PowerShellDataFile refuses to evaluate.
$Version = [regex]::Match((Get-Content -Raw $Manifest), "ModuleVersion\s*=\s*'([^']+)'").Groups[1].Value
if (-not $Version) { throw "KakaoPS.psd1 has no ModuleVersion = '<version>' line." }

function Invoke-Native {
    $command, $arguments = $args
    & $command @arguments
    if ($LASTEXITCODE -ne 0) { throw "$command $($arguments -join ' ') failed with exit code $LASTEXITCODE" }
}

function Invoke-Dotnet { Invoke-Native dotnet @args }

# Publishes the module and the emulator; every task that needs them calls this, and it runs once per run.
function Build-KakaoPS {
    if ($script:Built) { return }
    # The manifest is the one version source: it is stamped into the assembly here.
    # Unix/KakaoPS.dll is compiled ahead of time for the .NET this PowerShell runs on (see KakaoPS.csproj).
    $readyToRun = @(
        "-p:ReadyToRunRuntimeVersion=$([Environment]::Version)"
        "-p:ReadyToRunFrameworkDirectory=$([System.Runtime.InteropServices.RuntimeEnvironment]::GetRuntimeDirectory())"
        "-p:ReadyToRunPowerShellDirectory=$PSHOME"
    )
    Invoke-Dotnet publish (Join-Path $Root 'src/KakaoPS/KakaoPS.csproj') -c $Configuration -o $ModuleOut "-p:Version=$Version" @readyToRun --nologo -v quiet
    Set-ReleaseNotes (Join-Path $ModuleOut 'KakaoPS.psd1')
    & (Join-Path $Root 'docs/Build-Help.ps1') -Destination $ModuleOut
    Invoke-Dotnet publish (Join-Path $Root 'src/KakaoPS.Emulator/KakaoPS.Emulator.csproj') -c $Configuration -o $EmulatorOut --nologo -v quiet
    Write-Host "Module $Version published to $ModuleOut"
    $script:Built = $true
}
$script:Built = $false

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

function Invoke-PesterSuite {
    $emulator = Start-Emulator
    $saved = @{}
    foreach ($name in 'KAKAOPS_AUTH_URL', 'KAKAOPS_API_URL') { $saved[$name] = [Environment]::GetEnvironmentVariable($name) }
    try {
        $env:KAKAOPS_AUTH_URL = $emulator.BaseUrl
        $env:KAKAOPS_API_URL = $emulator.BaseUrl
        # The same specs, run by this PowerShell or (-PesterHost) by another one, e.g. Windows PowerShell 5.1.
        $script = {
            param($PesterModule, $Specs, $ResultFile)
            Import-Module $PesterModule -Force
            $config = New-PesterConfiguration
            $config.Run.Path = $Specs
            $config.Run.PassThru = $true
            $config.Output.Verbosity = 'Detailed'
            $config.TestResult.Enabled = $true
            $config.TestResult.OutputPath = $ResultFile
            $result = Invoke-Pester -Configuration $config
            "PESTER-COUNTS $($result.PassedCount) $($result.FailedCount + $result.FailedBlocksCount + $result.FailedContainersCount)"
        }
        $arguments = (Get-PesterModule), (Join-Path $Root 'tests/pester'), (Join-Path $ResultsOut 'pester.xml')
        $output = if ($PesterHost) {
            $quoted = ($arguments | ForEach-Object { "'$($_ -replace "'", "''")'" }) -join ' '
            & $PesterHost -NoProfile -NonInteractive -ExecutionPolicy Bypass -Command "& { $script } $quoted" | Tee-Object -Variable lines | Out-Host
            $lines
        }
        else {
            & $script @arguments
        }
        $counts = @($output | Where-Object { $_ -match '^PESTER-COUNTS (\d+) (\d+)$' })
        # No closing line (a crashed host, a spec file that does not parse): the suite failed.
        $passed, $failed = if ($counts.Count -eq 1 -and $counts[0] -match '^PESTER-COUNTS (\d+) (\d+)$') { [int]$Matches[1], [int]$Matches[2] } else { 0, 1 }
        [pscustomobject]@{ Suite = "pester$(if ($PesterHost) { " ($PesterHost)" })"; Passed = $passed; Failed = $failed }
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

# What the Test task needs beyond the .NET SDK: a Chromium-based browser that Playwright drives (nothing is
# downloaded at run time), fonts so Hangul and emoji render in the browser tests' pages, and tinyproxy for the
# proxy test. Each entry: its Debian package, and how to tell it is there.
function Get-TestPrerequisite {
    $linux = $IsLinux
    [pscustomobject]@{ Name = 'a Chromium-based browser'; Package = 'chromium'; Present = [bool](Find-TestBrowser) }
    if ($linux) {
        $fonts = if (Get-Command fc-list -ErrorAction Ignore) { (& fc-list) -join "`n" } else { '' }
        [pscustomobject]@{ Name = 'fontconfig'; Package = 'fontconfig'; Present = [bool](Get-Command fc-list -ErrorAction Ignore) }
        [pscustomobject]@{ Name = 'Korean fonts (Nanum)'; Package = 'fonts-nanum'; Present = $fonts -match 'nanum' }
        [pscustomobject]@{ Name = 'emoji fonts (Noto Color Emoji)'; Package = 'fonts-noto-color-emoji'; Present = $fonts -match 'color emoji' }
    }
    if (-not $IsWindows) {
        [pscustomobject]@{ Name = 'tinyproxy'; Package = 'tinyproxy'; Present = [bool](Get-Command tinyproxy -ErrorAction Ignore) }
    }
}

# The browser the browser tests drive: $env:KAKAOPS_TEST_BROWSER when set, else the first one installed.
function Find-TestBrowser {
    if ($env:KAKAOPS_TEST_BROWSER) {
        return $(if (Test-Path -LiteralPath $env:KAKAOPS_TEST_BROWSER -PathType Leaf) { $env:KAKAOPS_TEST_BROWSER })
    }
    $candidates = if ($IsWindows) {
        foreach ($folder in $env:ProgramFiles, ${env:ProgramFiles(x86)}, $env:LOCALAPPDATA) {
            if ($folder) { Join-Path $folder 'Google/Chrome/Application/chrome.exe'; Join-Path $folder 'Microsoft/Edge/Application/msedge.exe' }
        }
    }
    elseif ($IsMacOS) {
        '/Applications/Chromium.app/Contents/MacOS/Chromium', '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome'
    }
    else {
        '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'
    }
    $candidates | Where-Object { Test-Path -LiteralPath $_ -PathType Leaf } | Select-Object -First 1
}

function Test-DebianLike {
    if (-not $IsLinux -or -not (Test-Path /etc/os-release) -or -not (Get-Command apt-get -ErrorAction Ignore)) { return $false }
    $release = Get-Content /etc/os-release -Raw
    $release -match '(?m)^ID(_LIKE)?="?[^"\n]*\b(debian|ubuntu)\b'
}

# Installs what the tests need where it can (root on Debian or Ubuntu: apt-get); otherwise stops before any
# test with the command to run.
function Install-TestPrerequisites {
    $missing = @(Get-TestPrerequisite | Where-Object { -not $_.Present })
    if ($missing.Count -eq 0) {
        $env:KAKAOPS_TEST_BROWSER = Find-TestBrowser   # the browser tests drive this one
        return
    }
    $packages = $missing.Package -join ' '
    $debian = Test-DebianLike
    if ($debian -and -not $NoInstall -and (& id -u) -eq '0') {
        Write-Host "Installing what the tests need: $packages"
        Invoke-Native apt-get update -qq
        $env:DEBIAN_FRONTEND = 'noninteractive'
        Invoke-Native apt-get install -y -qq --no-install-recommends @($missing.Package)
        $missing = @(Get-TestPrerequisite | Where-Object { -not $_.Present })
        if ($missing.Count -eq 0) {
            $env:KAKAOPS_TEST_BROWSER = Find-TestBrowser
            return
        }
    }
    $command = if ($debian) {
        $sudo = if ((& id -u) -eq '0') { '' } else { 'sudo ' }
        "${sudo}apt-get update && ${sudo}apt-get install -y --no-install-recommends $packages"
    }
    elseif ($IsMacOS) {
        (@(if ($missing.Package -contains 'chromium') { 'brew install --cask chromium' }) +
            @(if ($missing.Package -contains 'tinyproxy') { 'brew install tinyproxy' })) -join ' && '
    }
    elseif ($IsWindows) { 'winget install --id Google.Chrome --exact' }
    else { "install with your package manager: $(($missing.Name) -join ', ')" }
    $hint = if ($env:KAKAOPS_TEST_BROWSER -and $missing.Package -contains 'chromium') { " (KAKAOPS_TEST_BROWSER is set to '$env:KAKAOPS_TEST_BROWSER', which is not a file)" } else { '' }
    Write-Host "The tests need $(($missing.Name) -join ', '), which this machine lacks$hint. Run:`n  $command`nthen run the tests again." -ForegroundColor Red
    exit 1
}

function Invoke-Test {
    Install-TestPrerequisites
    Invoke-Package
    Write-Summary @(Invoke-XunitSuites; Invoke-PesterSuite; Invoke-SecretScan)
}

# Only the Pester specs, against the built module; with -PesterHost powershell, in Windows PowerShell 5.1.
function Invoke-PesterTask {
    Build-KakaoPS
    New-Item -ItemType Directory -Force $ResultsOut | Out-Null
    Write-Summary @(Invoke-PesterSuite)
}

# The closing line CI reads, summed over every suite; any failure fails the run.
function Write-Summary([object[]] $Suites) {
    $Suites | Format-Table -AutoSize | Out-Host
    $passed = ($Suites | Measure-Object Passed -Sum).Sum
    $failed = ($Suites | Measure-Object Failed -Sum).Sum
    Write-Host "$passed passed, $failed failed"
    if ($failed -gt 0) { exit 1 }
}

function Invoke-Demo {
    Build-KakaoPS
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
    Build-KakaoPS
    $arguments = @($EmulatorArguments | ForEach-Object { $_ -split '\s+' } | Where-Object { $_ })
    & dotnet (Join-Path $EmulatorOut 'KakaoPS.Emulator.dll') @arguments
}

function Invoke-Bench {
    Build-KakaoPS
    $floor = Join-Path $Out 'bench/HttpFloor'
    $emptyModule = Join-Path $Out 'bench/EmptyModule'
    Invoke-Dotnet build (Join-Path $Root 'bench/HttpFloor/HttpFloor.csproj') -c Release -o $floor --nologo -v quiet
    Invoke-Dotnet build (Join-Path $Root 'bench/EmptyModule/EmptyModule.csproj') -c Release -o $emptyModule --nologo -v quiet
    $emulator = Start-Emulator
    try {
        $json = Join-Path $Root 'docs/benchmarks.json'
        $partial = @{}
        if ($BenchPhase) {
            # Some phases only: their figures go to out/, and docs/ keeps the last whole run.
            $json = Join-Path $Out 'bench/benchmarks.json'
            # 'firstCall,oneShot' from bash arrives as one string.
            $partial = @{ Phase = @($BenchPhase -split ','); ProcessRuns = $BenchRuns }
        }
        & (Join-Path $Root 'bench/Bench.ps1') -BaseUrl $emulator.BaseUrl -ModulePath (Join-Path $ModuleOut 'KakaoPS.psd1') `
            -FloorPath (Join-Path $floor 'HttpFloor.dll') -EmptyModulePath (Join-Path $emptyModule 'EmptyModule.psd1') -JsonPath $json @partial
        if (-not $BenchPhase) {
            & (Join-Path $Root 'bench/Write-BenchReport.ps1') -JsonPath $json -MarkdownPath (Join-Path $Root 'docs/benchmarks.md')
        }
    }
    finally {
        Stop-Emulator $emulator
    }
}

function Invoke-Install {
    Build-KakaoPS
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
    Build-KakaoPS
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
    switch ($name) {
        'Build' { Build-KakaoPS }
        'Pester' { Invoke-PesterTask }   # Invoke-Pester is Pester's own command
        default { & "Invoke-$name" }
    }
}
