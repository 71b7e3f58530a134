# A new user's first logins, with the mistakes people make: each one ends in a working login.

BeforeAll {
    # The command line of this PowerShell, to stand in for a browser on any system ('dotnet pwsh.dll' for the dotnet tool).
    $process = (Get-Process -Id $PID).Path
    $ThisPowerShell = if ([IO.Path]::GetFileNameWithoutExtension($process) -eq 'dotnet') { "`"$process`" `"$PSHOME/pwsh.dll`"" } else { "`"$process`"" }
    # The built module, or the one the Windows lane unpacked from the package (KAKAOPS_TEST_MODULE).
    Import-Module $(if ($env:KAKAOPS_TEST_MODULE) { $env:KAKAOPS_TEST_MODULE } else { Join-Path $PSScriptRoot '../../out/KakaoPS/KakaoPS.psd1' }) -Force
    Add-Type -AssemblyName System.Web
    $Kakao = $env:KAKAOPS_API_URL
    $Key = 'emulator-rest-api-key'
    $ConnectId = 'KakaoPS.Commands.ConnectKakaoCommand'

    # The browser's part: consent (the emulator consents at once) and land on the redirect URI.
    function Get-RedirectedUrl([string] $Url) {
        $browser = [System.Net.Http.HttpClient]::new([System.Net.Http.HttpClientHandler]@{ AllowAutoRedirect = $false })
        try { $browser.GetAsync($Url).GetAwaiter().GetResult().Headers.Location.AbsoluteUri }
        finally { $browser.Dispose() }
    }

    # The consent page posted with 카카오톡 메시지 전송 (talk_message) unticked.
    function Get-RedirectedUrlWithoutTalkMessage([string] $Url) {
        $form = [System.Web.HttpUtility]::ParseQueryString(([uri]$Url).Query)
        $fields = [System.Collections.Generic.Dictionary[string, string]]::new()
        foreach ($name in $form.AllKeys) { $fields[$name] = $form[$name] }
        $fields['action'] = 'agree'
        $browser = [System.Net.Http.HttpClient]::new([System.Net.Http.HttpClientHandler]@{ AllowAutoRedirect = $false })
        try {
            $content = [System.Net.Http.FormUrlEncodedContent]::new($fields)
            $browser.PostAsync("$Kakao/oauth/authorize/consent", $content).GetAwaiter().GetResult().Headers.Location.AbsoluteUri
        }
        finally { $browser.Dispose() }
    }

    function Get-CodeOf([string] $Address) { [System.Web.HttpUtility]::ParseQueryString(([uri]$Address).Query)['code'] }

    function Get-TokenRequestCount {
        @((Invoke-RestMethod "$Kakao/_emulator/requests") | ForEach-Object { $_ } | Where-Object path -eq '/oauth/token').Count
    }

    # Runs a command that should fail and returns its error record.
    function Get-Failure([scriptblock] $Command) {
        try { & $Command; throw 'the command did not fail' }
        catch [System.Management.Automation.RuntimeException] { $_ }
    }
}

Describe 'Logging in with the mistakes people make' {
    BeforeEach {
        Invoke-RestMethod -Method Post "$Kakao/_emulator/reset" -ContentType application/json -Body '{}' | Out-Null
        $env:KAKAOPS_TOKEN_PATH = Join-Path $TestDrive "$(New-Guid)/kakao_token.json"
    }

    AfterEach {
        Disconnect-Kakao -Confirm:$false -ErrorAction Ignore
        Remove-Item Env:BROWSER -ErrorAction Ignore
    }

    AfterAll {
        Remove-Item Env:KAKAOPS_TOKEN_PATH -ErrorAction Ignore
    }

    It 'pastes the whole address into -Code, and it is read as -RedirectedUrl with its state checked' {
        $address = Get-RedirectedUrl (Get-KakaoAuthUrl -RestApiKey $Key -Scope talk_message)

        $context = Connect-Kakao -Code $address -RestApiKey $Key -WarningVariable note -WarningAction SilentlyContinue

        $context.ClientId | Should -Be $Key
        $note | Should -Match '-RedirectedUrl'
        Get-TokenRequestCount | Should -Be 1
    }

    It 'pastes a blank code or one with a space or a stray &; nothing goes to Kakao and the right paste then works' {
        $address = Get-RedirectedUrl (Get-KakaoAuthUrl -RestApiKey $Key)
        $code = Get-CodeOf $address

        foreach ($wrong in '   ', "$code more", "$code&state") {
            (Get-Failure { Connect-Kakao -Code $wrong -RestApiKey $Key -ErrorAction Stop }).FullyQualifiedErrorId |
                Should -Be "InvalidAuthorizationCode,$ConnectId"
        }
        Get-TokenRequestCount | Should -Be 0

        (Connect-Kakao -RedirectedUrl $address -RestApiKey $Key).ClientId | Should -Be $Key
    }

    It 'sends a code Kakao refuses, and the login in progress survives for the next paste' {
        $address = Get-RedirectedUrl (Get-KakaoAuthUrl -RestApiKey $Key)

        (Get-Failure { Connect-Kakao -Code 'an-old-code' -RestApiKey $Key -ErrorAction Stop }).FullyQualifiedErrorId |
            Should -Be "KOE320,$ConnectId"

        (Connect-Kakao -RedirectedUrl $address -RestApiKey $Key).ClientId | Should -Be $Key
    }

    It 'asks for the authorize URL twice (to look, then with -Open) and consents with the first; the bare code works' {
        $env:BROWSER = "$ThisPowerShell -NoProfile -NonInteractive -Command exit"   # a browser that opens nothing
        $first = Get-KakaoAuthUrl -RestApiKey $Key
        $second = Get-KakaoAuthUrl -RestApiKey $Key -Open

        $second.State | Should -Be $first.State
        (Connect-Kakao -Code (Get-CodeOf (Get-RedirectedUrl $first)) -RestApiKey $Key).ClientId | Should -Be $Key
    }

    It 'starts another login with -New, pastes the code of the first, and is told to paste the whole address' {
        $first = Get-KakaoAuthUrl -RestApiKey $Key
        $newer = Get-KakaoAuthUrl -RestApiKey $Key -New
        $newer.State | Should -Not -Be $first.State

        $failure = Get-Failure { Connect-Kakao -Code (Get-CodeOf (Get-RedirectedUrl $first)) -RestApiKey $Key -ErrorAction Stop }

        $failure.Exception.Message | Should -Match 'another authorize URL'
        $failure.ErrorDetails.RecommendedAction | Should -Match '-RedirectedUrl'
        (Connect-Kakao -RedirectedUrl (Get-RedirectedUrl $first) -RestApiKey $Key).ClientId | Should -Be $Key
    }

    It 'pastes an address that already logged in, and hears exactly that' {
        $address = Get-RedirectedUrl (Get-KakaoAuthUrl -RestApiKey $Key)
        Connect-Kakao -RedirectedUrl $address -RestApiKey $Key | Out-Null

        $failure = Get-Failure { Connect-Kakao -RedirectedUrl $address -RestApiKey $Key -ErrorAction Stop }

        $failure.FullyQualifiedErrorId | Should -Be "AuthorizationAlreadyUsed,$ConnectId"
        $failure.Exception.Message | Should -Match 'already used to log in'
        $failure.ErrorDetails.RecommendedAction | Should -Not -Match 'ignore'
        Get-TokenRequestCount | Should -Be 1
        Test-KakaoConnection -Quiet | Should -BeTrue
    }

    It 'pastes an address without a state, which could be someone else''s login; it is refused and the lesson''s bare code still works' {
        $code = Get-CodeOf (Get-RedirectedUrl "$Kakao/oauth/authorize?client_id=$Key&redirect_uri=http%3A%2F%2F127.0.0.1&response_type=code")

        (Get-Failure { Connect-Kakao -RedirectedUrl "http://127.0.0.1/?code=$code" -RestApiKey $Key -ErrorAction Stop }).FullyQualifiedErrorId |
            Should -Be "RedirectedUrlWithoutState,$ConnectId"
        Get-TokenRequestCount | Should -Be 0

        (Connect-Kakao -Code $code -RestApiKey $Key).ClientId | Should -Be $Key
    }

    It 'lets the browser login time out; it showed the URL, names KOE006 and KOE101, and the address the browser lands on completes it' {
        $free = [System.Net.Sockets.TcpListener]::new([ipaddress]::Loopback, 0)
        $free.Start(); $port = $free.LocalEndpoint.Port; $free.Stop()
        $redirectUri = "http://127.0.0.1:$port/callback"
        Invoke-RestMethod -Method Put "$Kakao/_emulator/apps/$Key" -ContentType application/json `
            -Body (@{ redirectUris = @('http://127.0.0.1', $redirectUri) } | ConvertTo-Json) | Out-Null
        # A browser that opens somewhere the user is not looking: it only notes the URL. It is this
        # PowerShell again, so the spec runs wherever PowerShell does.
        $urlFile = Join-Path $TestDrive "$(New-Guid).url"
        $recorder = Join-Path $TestDrive 'record.ps1'
        # Written aside and renamed, so the spec never reads a file half written.
        Set-Content $recorder 'param($Url, $File) Set-Content -LiteralPath "$File.part" -Value $Url -NoNewline; Move-Item -LiteralPath "$File.part" $File'
        $env:BROWSER = "$ThisPowerShell -NoProfile -NonInteractive -File `"$recorder`" %s `"$urlFile`""

        $failure = $null
        try { Connect-Kakao -RestApiKey $Key -RedirectUri $redirectUri -TimeoutSec 1 -InformationVariable shown -InformationAction Ignore -ErrorAction Stop }
        catch { $failure = $_ }

        $shown | Should -Match ([regex]::Escape("$Kakao/oauth/authorize?"))
        $failure.FullyQualifiedErrorId | Should -Be "LoginTimedOut,$ConnectId"
        $failure.ErrorDetails.RecommendedAction | Should -Match 'KOE006'
        $failure.ErrorDetails.RecommendedAction | Should -Match 'KOE101'
        $failure.ErrorDetails.RecommendedAction | Should -Match ([regex]::Escape($redirectUri))

        # The user consents late; the browser lands on the listener that is gone. The address still logs in.
        $deadline = [DateTime]::UtcNow.AddSeconds(60)
        while (-not (Test-Path -LiteralPath $urlFile) -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 100 }
        $late = Get-RedirectedUrl (Get-Content -Raw $urlFile)
        (Connect-Kakao -RedirectedUrl $late -RestApiKey $Key).ClientId | Should -Be $Key
    }

    It 'unticks 카카오톡 메시지 전송 on the consent page; the login warns, and doing what it says gives the consent' {
        $address = Get-RedirectedUrlWithoutTalkMessage (Get-KakaoAuthUrl -RestApiKey $Key)

        $context = Connect-Kakao -RedirectedUrl $address -RestApiKey $Key -WarningVariable warned -WarningAction SilentlyContinue

        $context.Scopes | Should -Not -Contain 'talk_message'
        "$warned" | Should -Match 'talk_message'
        "$warned" | Should -Match 'Get-KakaoAuthUrl -Scope talk_message'

        $again = Connect-Kakao -RedirectedUrl (Get-RedirectedUrl (Get-KakaoAuthUrl -RestApiKey $Key -Scope talk_message)) -RestApiKey $Key -WarningVariable after
        $again.Scopes | Should -Contain 'talk_message'
        $after | Should -BeNullOrEmpty
        (Send-KakaoMemo -Text 'consented at last').Success | Should -BeTrue
    }

    It 'logs in from CI with a refresh token; the expiry is unknown for a reason, and the check asks for nothing' {
        $secret = (Invoke-RestMethod -Method Post "$Kakao/_emulator/tokens" -ContentType application/json -Body '{}').refresh_token

        $context = Connect-Kakao -RefreshToken $secret -RestApiKey $Key -ContextScope Process

        $context.RefreshTokenExpiresAt | Should -BeNullOrEmpty
        $check = Test-KakaoConnection | Where-Object Check -eq 'RefreshToken'
        $check.Status | Should -Be 'Passed'
        $check.Message | Should -Match 'replaces'
        $check.Remedy | Should -Not -Match 'Connect-Kakao'
        Test-KakaoConnection -Quiet | Should -BeTrue
    }
}
