# KakaoPS on Windows, run by the Windows lane of build.ps1 -Task Test (PowerShell 7's Windows build under Wine) and
# on real Windows by the Pester task (PowerShell 7 and Windows PowerShell 5.1, in the GitHub workflow): the module
# (KAKAOPS_TEST_MODULE; the lane gives the packaged one) against a local Kakao
# (KAKAOPS_AUTH_URL / KAKAOPS_API_URL), with the token file where Windows users get it.

BeforeAll {
    Import-Module $(if ($env:KAKAOPS_TEST_MODULE) { $env:KAKAOPS_TEST_MODULE } else { Join-Path $PSScriptRoot '../../out/KakaoPS/KakaoPS.psd1' }) -Force
    Add-Type -AssemblyName System.Web
    $Kakao = $env:KAKAOPS_API_URL
    $Key = 'emulator-rest-api-key'
    $DefaultTokenPath = Join-Path $env:LOCALAPPDATA 'KakaoPS\kakao_token.json'
    # A machine that already has a login (a developer's) keeps it: the specs then use a file of their own.
    $TokenPath = if (Test-Path -LiteralPath (Split-Path $DefaultTokenPath)) { Join-Path $TestDrive 'KakaoPS\kakao_token.json' } else { $DefaultTokenPath }

    function Get-CodeFromBrowser([string] $Url) {
        $browser = [System.Net.Http.HttpClient]::new([System.Net.Http.HttpClientHandler]@{ AllowAutoRedirect = $false })
        try { [System.Web.HttpUtility]::ParseQueryString($browser.GetAsync($Url).GetAwaiter().GetResult().Headers.Location.Query)['code'] }
        finally { $browser.Dispose() }
    }

    # Entries that open a file to other users. (Under Wine a file's DACL is rebuilt from its mode bits, so an
    # entry for Everyone is exactly what a file readable by others shows.)
    function Get-OpenEntry([string] $Path) {
        (Get-Acl -LiteralPath $Path).Access |
            Where-Object { $_.IdentityReference.Value -match '^(Everyone|BUILTIN\\Users|NT AUTHORITY\\Authenticated Users)$' } |
            ForEach-Object { "$($_.IdentityReference) $($_.FileSystemRights)" }
    }
}

Describe 'KakaoPS on Windows' {
    BeforeAll {
        if ($TokenPath -eq $DefaultTokenPath) { Remove-Item Env:KAKAOPS_TOKEN_PATH -ErrorAction Ignore } else { $env:KAKAOPS_TOKEN_PATH = $TokenPath }
        Invoke-RestMethod -Method Post "$Kakao/_emulator/reset" -ContentType application/json -Body '{}' | Out-Null
    }

    AfterAll {
        Remove-Item (Split-Path $TokenPath) -Recurse -Force -ErrorAction Ignore
        Remove-Item Env:KAKAOPS_TOKEN_PATH -ErrorAction Ignore
    }

    It 'imports the module assembly beside its manifest' {
        $IsWindows -or $PSVersionTable.PSEdition -eq 'Desktop' | Should -BeTrue
        Split-Path ([KakaoPS.Commands.Base.KakaoCmdlet].Assembly.Location) | Should -Be (Get-Module KakaoPS).ModuleBase
    }

    It 'runs the core compiled for Windows and its CPU on PowerShell 7, the plain one of Desktop\ on Windows PowerShell' {
        $module = Join-Path (Get-Module KakaoPS).ModuleBase $PSVersionTable.PSEdition
        $expected = if ($PSVersionTable.PSEdition -eq 'Core') {
            $cpu = [System.Runtime.InteropServices.RuntimeInformation]::ProcessArchitecture.ToString().ToLowerInvariant()
            Join-Path $module "win-$cpu\KakaoPS.Core.dll"
        } else {
            Join-Path $module 'KakaoPS.Core.dll'
        }
        [KakaoPS.Models.KakaoContext].Assembly.Location | Should -Be $expected
    }

    It 'logs in to a token file under AppData\Local (or the specs'' own) that only its owner can open' {
        $context = Connect-Kakao -Code (Get-CodeFromBrowser (Get-KakaoAuthUrl -RestApiKey $Key -Scope talk_message)) -RestApiKey $Key

        $context.TokenPath | Should -Be $TokenPath
        Test-Path -LiteralPath $TokenPath | Should -BeTrue
        # The first save renames its temp file into place: these entries are the temp file's.
        Get-OpenEntry $TokenPath | Should -BeNullOrEmpty
        Get-OpenEntry (Split-Path $TokenPath) | Should -BeNullOrEmpty
    }

    It 'sends a memo, renews an expired access token and replaces the file owner-only' {
        (Send-KakaoMemo -Text 'from Windows').Success | Should -BeTrue
        $before = Get-FileHash $TokenPath
        Invoke-RestMethod -Method Post "$Kakao/_emulator/clock" -ContentType application/json -Body '{"advanceSeconds":25000}' | Out-Null

        $result = 'build finished', '한글과 이모지 ✅' | Send-KakaoMemo -Title 'Windows'

        $result.Success | Should -BeTrue
        (Get-FileHash $TokenPath).Hash | Should -Not -Be $before.Hash
        Get-OpenEntry $TokenPath | Should -BeNullOrEmpty
        Get-ChildItem -Force (Split-Path $TokenPath) -Filter '*.tmp' | Should -BeNullOrEmpty
        ((Invoke-RestMethod "$Kakao/_emulator/messages") | Select-Object -Last 1).templateObject | ConvertFrom-Json |
            ForEach-Object text | Should -Be "Windows`nbuild finished`n한글과 이모지 ✅"
    }

    It 'checks the connection and lists the consent items' {
        Test-KakaoConnection -Quiet | Should -BeTrue
        (Get-KakaoScope | Where-Object Id -eq 'talk_message').Agreed | Should -BeTrue
        (Get-KakaoContext).ClientId | Should -Be $Key
    }

    It 'disconnects and deletes the token file' {
        Disconnect-Kakao -Confirm:$false
        Test-Path -LiteralPath $TokenPath | Should -BeFalse
    }
}

Describe 'Files and paths as Windows has them' {
    BeforeEach {
        Invoke-RestMethod -Method Post "$Kakao/_emulator/reset" -ContentType application/json -Body '{}' | Out-Null
        $folder = New-Item -ItemType Directory (Join-Path $TestDrive (New-Guid))
    }

    It 'refuses <Path> as the token file and says why' -ForEach @(
        @{ Path = 'NUL' }, @{ Path = 'CON' }, @{ Path = 'C:\Users\nul.json' }, @{ Path = '\\.\pipe\kakaops' }, @{ Path = 'Q:\kakao_token.json' }
        @{ Path = "C:\$('a' * 300)\kakao_token.json" }
    ) {
        $failure = $null
        try { Get-KakaoContext -TokenPath $Path -ErrorAction Stop } catch { $failure = $_ }

        $failure.FullyQualifiedErrorId | Should -BeLike 'InvalidTokenPath,*'
        $failure.Exception.Message | Should -BeLike "*'$([WildcardPattern]::Escape($Path))'*"
        $failure.ErrorDetails.RecommendedAction | Should -Match 'TokenPath'
    }

    It 'reads a .env that Windows PowerShell wrote with Out-File (UTF-16, CRLF)' {
        $saved = $env:KAKAO_REST_API_KEY
        Remove-Item Env:KAKAO_REST_API_KEY, Env:REST_API_KEY -ErrorAction Ignore
        "KAKAO_REST_API_KEY=$Key", 'KAKAO_CLIENT_SECRET=' | Out-File (Join-Path $folder '.env') -Encoding unicode
        Push-Location $folder
        try { $url = Get-KakaoAuthUrl -WarningVariable warned }
        finally { Pop-Location; $env:KAKAO_REST_API_KEY = $saved }

        $url.Url | Should -Match "client_id=$Key"
        $warned | Should -BeNullOrEmpty
    }

    It 'reads a token file saved again with a UTF-8 byte order mark and writes it back without one' {
        $path = $env:KAKAOPS_TOKEN_PATH = Join-Path $folder 'kakao_token.json'
        try {
            Connect-Kakao -Code (Get-CodeFromBrowser (Get-KakaoAuthUrl -RestApiKey $Key -Scope talk_message)) -RestApiKey $Key | Out-Null
            # As an editor, or Set-Content -Encoding UTF8 in Windows PowerShell 5.1, saves it.
            [IO.File]::WriteAllText($path, [IO.File]::ReadAllText($path), [Text.UTF8Encoding]::new($true))
            Invoke-RestMethod -Method Post "$Kakao/_emulator/clock" -ContentType application/json -Body '{"advanceSeconds":25000}' | Out-Null

            (Send-KakaoMemo -Text 'after an editor saved the file').Success | Should -BeTrue
        }
        finally { Remove-Item Env:KAKAOPS_TOKEN_PATH }

        [IO.File]::ReadAllBytes($path)[0] | Should -Be ([byte][char]'{')
    }
}
