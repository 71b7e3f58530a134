# Specs that read like a user's script, run by `build.ps1 -Task Test` against the built module
# (out/KakaoPS) and a running emulator (KAKAOPS_AUTH_URL / KAKAOPS_API_URL).

BeforeAll {
    # The built module, or the one the Windows lane unpacked from the package (KAKAOPS_TEST_MODULE).
    Import-Module $(if ($env:KAKAOPS_TEST_MODULE) { $env:KAKAOPS_TEST_MODULE } else { Join-Path $PSScriptRoot '../../out/KakaoPS/KakaoPS.psd1' }) -Force
    $Kakao = $env:KAKAOPS_API_URL
    $Key = 'emulator-rest-api-key'

    # What the browser does after consent: follow the authorize URL to the redirect and read the code.
    function Get-CodeFromBrowser([string] $Url) {
        $browser = [System.Net.Http.HttpClient]::new([System.Net.Http.HttpClientHandler]@{ AllowAutoRedirect = $false })
        try {
            $redirect = $browser.GetAsync($Url).GetAwaiter().GetResult()
            [System.Web.HttpUtility]::ParseQueryString($redirect.Headers.Location.Query)['code']
        }
        finally { $browser.Dispose() }
    }

    function Get-ReceivedText {
        (Invoke-RestMethod "$Kakao/_emulator/messages") | ForEach-Object { ($_.templateObject | ConvertFrom-Json).text }
    }
}

Describe 'Sending a KakaoTalk memo to myself' {
    BeforeEach {
        Invoke-RestMethod -Method Post "$Kakao/_emulator/reset" -ContentType application/json -Body '{}' | Out-Null
        $env:KAKAOPS_TOKEN_PATH = Join-Path $TestDrive "$(New-Guid)/kakao_token.json"
    }

    AfterAll {
        Remove-Item Env:KAKAOPS_TOKEN_PATH -ErrorAction Ignore
    }

    It 'logs in once and pipes build output into one message' {
        $url = Get-KakaoAuthUrl -RestApiKey $Key -Scope talk_message
        Connect-Kakao -Code (Get-CodeFromBrowser $url) -RestApiKey $Key | Out-Null

        $result = 'Restore complete', 'Build succeeded.' | Send-KakaoMemo -Title 'nightly build'

        $result.Success | Should -BeTrue
        $result.Text | Should -Be "nightly build`nRestore complete`nBuild succeeded."
        Get-ReceivedText | Should -Be "nightly build`nRestore complete`nBuild succeeded."
    }

    It 'finds a missing consent with Where agreed -eq $false' {
        Connect-Kakao -Code (Get-CodeFromBrowser (Get-KakaoAuthUrl -RestApiKey $Key)) -RestApiKey $Key | Out-Null
        Invoke-RestMethod -Method Post "$Kakao/_emulator/consent" -ContentType application/json -Body '{"scope":"talk_message","agreed":false}' | Out-Null

        $missing = Get-KakaoScope | Where agreed -eq $false

        $missing.Id | Should -Be 'talk_message'
        $missing | Should -BeOfType ([KakaoPS.Models.KakaoScope])
    }

    It 'stops a CI script with the Kakao code when consent is missing' {
        Connect-Kakao -Code (Get-CodeFromBrowser (Get-KakaoAuthUrl -RestApiKey $Key)) -RestApiKey $Key | Out-Null
        Invoke-RestMethod -Method Post "$Kakao/_emulator/consent" -ContentType application/json -Body '{"scope":"talk_message","agreed":false}' | Out-Null

        { Send-KakaoMemo -Text 'deploy finished' -ErrorAction Stop } | Should -Throw -ErrorId 'Kakao-402,KakaoPS.Commands.SendKakaoMemoCommand'
        Get-ReceivedText | Should -BeNullOrEmpty
    }

    It 'refuses a code used twice with KOE320 and keeps the saved login' {
        $code = Get-CodeFromBrowser (Get-KakaoAuthUrl -RestApiKey $Key)
        Connect-Kakao -Code $code -RestApiKey $Key | Out-Null
        $before = Get-FileHash $env:KAKAOPS_TOKEN_PATH

        { Connect-Kakao -Code $code -RestApiKey $Key -ErrorAction Stop } | Should -Throw -ErrorId 'KOE320,KakaoPS.Commands.ConnectKakaoCommand'

        (Get-FileHash $env:KAKAOPS_TOKEN_PATH).Hash | Should -Be $before.Hash
        Send-KakaoMemo -Text 'still logged in' | Select-Object -ExpandProperty Success | Should -BeTrue
    }

    It 'shows what would be sent with -WhatIf and sends nothing' {
        Send-KakaoMemo -Text '미리보기 👀' -WhatIf | Should -BeNullOrEmpty

        Get-ReceivedText | Should -BeNullOrEmpty
    }

    It 'keeps the end of long output within 200 characters' {
        Connect-Kakao -Code (Get-CodeFromBrowser (Get-KakaoAuthUrl -RestApiKey $Key)) -RestApiKey $Key | Out-Null

        $result = 1..1000 | Send-KakaoMemo -WarningAction SilentlyContinue

        $result.Truncated | Should -BeTrue
        $text = Get-ReceivedText
        $text.Length | Should -BeLessOrEqual 200
        $text | Should -Match '\n1000$'
    }

    It 'reads the key and the code from .env like the lesson' {
        $folder = Join-Path $TestDrive "lesson-$(New-Guid)"
        New-Item -ItemType Directory $folder | Out-Null
        $code = Get-CodeFromBrowser (Get-KakaoAuthUrl -RestApiKey $Key)
        Set-Content (Join-Path $folder '.env') "REST_API_KEY = $Key`nAUTHORIZATION_CODE = $code"

        Push-Location $folder
        try { $context = Connect-Kakao }
        finally { Pop-Location }

        $context.ClientId | Should -Be $Key
    }
}
