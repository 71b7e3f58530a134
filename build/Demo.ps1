# Demo: the lesson's whole flow through the cmdlets, against a local Kakao.

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
