# How people log in, as scripts: paste the redirected URL, log in from CI, check before sending.

BeforeAll {
    # The built module, or the one the Windows lane unpacked from the package (KAKAOPS_TEST_MODULE).
    Import-Module $(if ($env:KAKAOPS_TEST_MODULE) { $env:KAKAOPS_TEST_MODULE } else { Join-Path $PSScriptRoot '../../out/KakaoPS/KakaoPS.psd1' }) -Force
    $Kakao = $env:KAKAOPS_API_URL
    $Key = 'emulator-rest-api-key'

    # The browser's part: consent (the emulator consents at once) and land on the redirect URI.
    function Get-RedirectedUrl([string] $Url) {
        $browser = [System.Net.Http.HttpClient]::new([System.Net.Http.HttpClientHandler]@{ AllowAutoRedirect = $false })
        try { $browser.GetAsync($Url).GetAwaiter().GetResult().Headers.Location.AbsoluteUri }
        finally { $browser.Dispose() }
    }
}

Describe 'Logging in' {
    BeforeEach {
        Invoke-RestMethod -Method Post "$Kakao/_emulator/reset" -ContentType application/json -Body '{}' | Out-Null
        $env:KAKAOPS_TOKEN_PATH = Join-Path $TestDrive "$(New-Guid)/kakao_token.json"
    }

    AfterEach {
        Disconnect-Kakao -Confirm:$false -ErrorAction Ignore
    }

    AfterAll {
        Remove-Item Env:KAKAOPS_TOKEN_PATH -ErrorAction Ignore
    }

    It 'finishes a login from the address the browser landed on' {
        $url = Get-KakaoAuthUrl -RestApiKey $Key -Scope talk_message

        $context = Connect-Kakao -RedirectedUrl (Get-RedirectedUrl $url) -RestApiKey $Key

        $context.ClientId | Should -Be $Key
        $context.Scopes | Should -Contain 'talk_message'
        Test-KakaoConnection -Quiet | Should -BeTrue
    }

    It 'refuses a redirected URL whose state it did not send' {
        $url = Get-KakaoAuthUrl -RestApiKey $Key
        $forged = (Get-RedirectedUrl $url) -replace 'state=[^&]+', 'state=someone-else'

        { Connect-Kakao -RedirectedUrl $forged -RestApiKey $Key -ErrorAction Stop } | Should -Throw -ErrorId 'StateMismatch,KakaoPS.Commands.ConnectKakaoCommand'
        Test-Path $env:KAKAOPS_TOKEN_PATH | Should -BeFalse
    }

    It 'logs in from a CI secret without writing a file' {
        $secret = (Invoke-RestMethod -Method Post "$Kakao/_emulator/tokens" -ContentType application/json -Body '{}').refresh_token

        Connect-Kakao -RefreshToken $secret -RestApiKey $Key -ContextScope Process | Out-Null
        $sent = Send-KakaoMemo -Text 'deployed from CI'

        $sent.Success | Should -BeTrue
        (Get-KakaoContext).TokenScope | Should -Be 'Process'
        Test-Path $env:KAKAOPS_TOKEN_PATH | Should -BeFalse
    }

    It 'says what is missing before a CI job sends' {
        Connect-Kakao -RedirectedUrl (Get-RedirectedUrl (Get-KakaoAuthUrl -RestApiKey $Key)) -RestApiKey $Key | Out-Null
        Invoke-RestMethod -Method Post "$Kakao/_emulator/consent" -ContentType application/json -Body '{"scope":"talk_message","agreed":false}' | Out-Null

        $failed = Test-KakaoConnection | Where-Object Status -eq 'Failed'

        $failed.Check | Should -Be 'TalkMessageConsent'
        $failed.Remedy | Should -Match 'Get-KakaoAuthUrl -Scope talk_message'
    }
}
