# What a CI script does with Send-KakaoMemo beyond plain text: long logs, cards, buttons,
# console templates and a dry run. Run by `build.ps1 -Task Test` against the built module
# (out/KakaoPS) and a running emulator (KAKAOPS_AUTH_URL / KAKAOPS_API_URL).

BeforeAll {
    # The built module, or the one the Windows lane unpacked from the package (KAKAOPS_TEST_MODULE).
    Import-Module $(if ($env:KAKAOPS_TEST_MODULE) { $env:KAKAOPS_TEST_MODULE } else { Join-Path $PSScriptRoot '../../out/KakaoPS/KakaoPS.psd1' }) -Force
    $Kakao = $env:KAKAOPS_API_URL
    $Key = 'emulator-rest-api-key'

    function Get-ReceivedMemo {
        Invoke-RestMethod "$Kakao/_emulator/messages"
    }
}

Describe 'Notifying myself from a CI job' {
    BeforeEach {
        Invoke-RestMethod -Method Post "$Kakao/_emulator/reset" -ContentType application/json -Body '{}' | Out-Null
        $env:KAKAOPS_TOKEN_PATH = Join-Path $TestDrive "$(New-Guid)/kakao_token.json"

        # The job's secret: a refresh token from a login done once in a browser.
        $secret = (Invoke-RestMethod -Method Post "$Kakao/_emulator/tokens" -ContentType application/json -Body '{}').refresh_token
        Connect-Kakao -RefreshToken $secret -RestApiKey $Key | Out-Null
    }

    AfterAll {
        Remove-Item Env:KAKAOPS_TOKEN_PATH -ErrorAction Ignore
    }

    It 'splits a long test log into numbered messages' {
        $results = 1..60 | ForEach-Object { "test $_ passed" } | Send-KakaoMemo -Title 'unit tests' -Overflow Split

        $results.Count | Should -BeGreaterThan 1
        $results.Truncated | Should -Not -Contain $true
        $results[0].Text | Should -BeLike "unit tests (1/$($results.Count))*"
        (Get-ReceivedMemo).Count | Should -Be $results.Count
        Get-ReceivedMemo | ForEach-Object { ($_.templateObject | ConvertFrom-Json).text.Length | Should -BeLessOrEqual 200 }
    }

    It 'sends a build card with two buttons' {
        New-KakaoFeedTemplate '빌드 #42 통과 ✅' -Description '812 tests, 0 failed' -WebUrl 'https://example.com/builds/42' `
            -Button @{ Title = '로그'; WebUrl = 'https://example.com/builds/42/log' }, @{ Title = '열기' } |
            Send-KakaoMemo | Select-Object -ExpandProperty TemplateType | Should -Be 'feed'

        $card = (Get-ReceivedMemo).templateObject | ConvertFrom-Json
        $card.content.title | Should -Be '빌드 #42 통과 ✅'
        $card.buttons.title | Should -Be '로그', '열기'
    }

    It 'lists the deployed services' {
        $services = @{ Title = 'api'; Description = 'v1.4.2' }, @{ Title = 'web'; Description = 'v2.0.0' }, @{ Title = 'worker'; Description = 'v0.9.1' }

        $services | New-KakaoListTemplate -HeaderTitle '오늘의 배포' -WebUrl 'https://example.com/deploys' | Send-KakaoMemo | Out-Null

        ((Get-ReceivedMemo).templateObject | ConvertFrom-Json).contents.title | Should -Be 'api', 'web', 'worker'
    }

    It 'fills a template made in the Kakao console' {
        $template = @{ templates = @{ '3' = @{ object_type = 'text'; text = '${job} finished: ${status}'; link = @{ web_url = 'https://example.com' } } } }
        Invoke-RestMethod -Method Put "$Kakao/_emulator/apps/$Key" -ContentType application/json -Body ($template | ConvertTo-Json -Depth 5) | Out-Null

        Send-KakaoMemo -TemplateId 3 -TemplateArgs @{ job = 'nightly'; status = 'passed' } | Out-Null

        (Get-ReceivedMemo).rendered.text | Should -Be 'nightly finished: passed'
    }

    It 'stops the script before sending a template Kakao would refuse' {
        $broken = @{ object_type = 'commerce'; content = @{ title = '키보드'; link = @{ web_url = 'https://example.com' } }; commerce = @{ product_name = '키보드' } }

        { Send-KakaoMemo -Template $broken -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidTemplate,KakaoPS.Commands.SendKakaoMemoCommand' -ExpectedMessage '*commerce.regular_price is required*'
        Get-ReceivedMemo | Should -BeNullOrEmpty
    }

    It 'rehearses with -WhatIf without sending' {
        New-KakaoLocationTemplate '사무실' -Address '경기 성남시 분당구 판교역로 235' | Send-KakaoMemo -WhatIf | Should -BeNullOrEmpty
        Send-KakaoMemo -ScrapUrl 'https://example.com/news/1' -WhatIf | Should -BeNullOrEmpty

        Get-ReceivedMemo | Should -BeNullOrEmpty
    }
}
