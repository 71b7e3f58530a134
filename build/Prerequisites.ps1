# What the Test task needs beyond the .NET SDK, installed where it can be (root on Debian or Ubuntu).

# What the Test task needs beyond the .NET SDK: a Chromium-based browser that Playwright drives (nothing is
# downloaded at run time), fonts so Hangul and emoji render in the browser tests' pages, and tinyproxy for the
# proxy test; on Debian or Ubuntu, Wine for the Windows lane, which is skipped (not failed) without it where the
# Test task does not install.
# Each entry: its Debian package, and how to tell it is there.
function Get-TestPrerequisite {
    [pscustomobject]@{ Name = 'a Chromium-based browser'; Package = 'chromium'; Present = [bool](Find-TestBrowser) }
    if ($IsLinux) {
        $fonts = if (Get-Command fc-list -ErrorAction Ignore) { (& fc-list) -join "`n" } else { '' }
        [pscustomobject]@{ Name = 'fontconfig'; Package = 'fontconfig'; Present = [bool](Get-Command fc-list -ErrorAction Ignore) }
        [pscustomobject]@{ Name = 'Korean fonts (Nanum)'; Package = 'fonts-nanum'; Present = $fonts -match 'nanum' }
        [pscustomobject]@{ Name = 'emoji fonts (Noto Color Emoji)'; Package = 'fonts-noto-color-emoji'; Present = $fonts -match 'color emoji' }
    }
    if (-not $IsWindows) {
        [pscustomobject]@{ Name = 'tinyproxy'; Package = 'tinyproxy'; Present = [bool](Get-Command tinyproxy -ErrorAction Ignore) }
    }
    if ((Test-DebianLike) -and [Runtime.InteropServices.RuntimeInformation]::OSArchitecture -eq 'X64') {
        [pscustomobject]@{ Name = 'Wine'; Package = 'wine'; Present = Test-Path /usr/bin/wine; Optional = $true }
        [pscustomobject]@{ Name = 'Wine (64-bit)'; Package = 'wine64'; Present = Test-Path $Wine; Optional = $true }
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
    $debian = Test-DebianLike
    $installs = $debian -and -not $NoInstall -and (& id -u) -eq '0'
    if ($installs -and $missing.Count -gt 0) {
        Write-Host "Installing what the tests need: $($missing.Package -join ' ')"
        Invoke-Native apt-get update -qq
        $env:DEBIAN_FRONTEND = 'noninteractive'
        Invoke-Native apt-get install -y -qq --no-install-recommends @($missing.Package)
        $missing = @(Get-TestPrerequisite | Where-Object { -not $_.Present })
    }
    # Where nothing is installed, a machine without Wine only skips the Windows lane, and says so. Where Wine was
    # just installed and still is not there, the run stops: CI would otherwise pass without the lane.
    if (-not $installs) {
        $missing = @($missing | Where-Object { -not $_.PSObject.Properties['Optional'] })
    }
    if ($missing.Count -eq 0) {
        $env:KAKAOPS_TEST_BROWSER = Find-TestBrowser   # the browser tests drive this one
        return
    }
    $packages = $missing.Package -join ' '
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
