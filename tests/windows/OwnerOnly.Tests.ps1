# What only real Windows shows (the Windows lane's Wine keeps no security descriptors), run by the Pester task on
# Windows (PowerShell 7 and Windows PowerShell 5.1, in the GitHub workflow): the token file and its folder carry
# exactly one protected entry, for their owner, and another local user cannot open them. Creating that user needs
# an administrator, as on the workflow's runners.

BeforeAll {
    Import-Module $(if ($env:KAKAOPS_TEST_MODULE) { $env:KAKAOPS_TEST_MODULE } else { Join-Path $PSScriptRoot '../../out/KakaoPS/KakaoPS.psd1' }) -Force
    Add-Type -AssemblyName System.Web
    $Kakao = $env:KAKAOPS_API_URL
    $Key = 'emulator-rest-api-key'
    $Me = [System.Security.Principal.WindowsIdentity]::GetCurrent().User

    function Get-CodeFromBrowser([string] $Url) {
        $browser = [System.Net.Http.HttpClient]::new([System.Net.Http.HttpClientHandler]@{ AllowAutoRedirect = $false })
        try { [System.Web.HttpUtility]::ParseQueryString($browser.GetAsync($Url).GetAwaiter().GetResult().Headers.Location.Query)['code'] }
        finally { $browser.Dispose() }
    }
}

Describe 'The token file on Windows' {
    BeforeAll {
        Invoke-RestMethod -Method Post "$Kakao/_emulator/reset" -ContentType application/json -Body '{}' | Out-Null
        $folder = Join-Path $TestDrive ([guid]::NewGuid())
        $env:KAKAOPS_TOKEN_PATH = Join-Path $folder 'kakao_token.json'
        Connect-Kakao -Code (Get-CodeFromBrowser (Get-KakaoAuthUrl -RestApiKey $Key -Scope talk_message)) -RestApiKey $Key | Out-Null
        (Send-KakaoMemo -Text 'owner-only').Success | Should -BeTrue
    }

    AfterAll {
        Remove-Item Env:KAKAOPS_TOKEN_PATH -ErrorAction Ignore
    }

    It 'and its folder have one protected entry: full control for their owner' -ForEach @(
        @{ Name = 'the token file' }, @{ Name = 'its folder' }
    ) {
        $path = if ($Name -eq 'its folder') { Split-Path $env:KAKAOPS_TOKEN_PATH } else { $env:KAKAOPS_TOKEN_PATH }
        $acl = Get-Acl -LiteralPath $path

        $acl.AreAccessRulesProtected | Should -BeTrue
        $rules = @($acl.GetAccessRules($true, $true, [System.Security.Principal.SecurityIdentifier]))
        $rules.Count | Should -Be 1
        $rules[0].IdentityReference | Should -Be $Me
        $rules[0].AccessControlType | Should -Be 'Allow'
        $rules[0].FileSystemRights | Should -Be 'FullControl'
        $acl.GetOwner([System.Security.Principal.SecurityIdentifier]) | Should -Be $Me
    }

    It 'cannot be read by another local user, who can read a plain file beside it' {
        # A folder other users may enter and read (as a shared or roaming folder might be), so that only the
        # token file's own entry can refuse them; the plain file beside it shows the probe would see a read.
        $shared = Join-Path $env:PUBLIC "kakaops-$([guid]::NewGuid())"
        New-Item -ItemType Directory $shared | Out-Null
        & icacls.exe $shared /inheritance:r /grant:r "*$($Me.Value):(OI)(CI)F" '*S-1-5-32-545:(OI)(CI)RX' | Out-Null
        $tokenPath = Join-Path $shared 'kakao_token.json'
        Set-Content (Join-Path $shared 'plain.txt') 'anyone'
        $env:KAKAOPS_TOKEN_PATH = $tokenPath
        Connect-Kakao -Code (Get-CodeFromBrowser (Get-KakaoAuthUrl -RestApiKey $Key -Scope talk_message)) -RestApiKey $Key | Out-Null

        $name = 'kakaops-other'
        $password = ConvertTo-SecureString "Kp-$([guid]::NewGuid())-9a" -AsPlainText -Force
        Remove-LocalUser -Name $name -ErrorAction Ignore
        New-LocalUser -Name $name -Password $password -AccountNeverExpires | Out-Null
        try {
            $answers = Join-Path $env:PUBLIC "kakaops-answers-$([guid]::NewGuid()).txt"
            $read = "foreach (`$file in '$tokenPath', '$(Join-Path $shared 'plain.txt')') { try { [IO.File]::ReadAllBytes(`$file) | Out-Null; 'read' } catch [UnauthorizedAccessException] { 'refused' } catch { `$_.Exception.GetType().Name } }"
            $credential = [pscredential]::new("$env:COMPUTERNAME\$name", $password)
            $process = Start-Process powershell.exe -Credential $credential -WorkingDirectory $env:SystemRoot -WindowStyle Hidden -PassThru -Wait `
                -ArgumentList '-NoProfile', '-NonInteractive', '-Command', "& { $read } | Set-Content -LiteralPath '$answers'"

            $process.ExitCode | Should -Be 0
            Get-Content -LiteralPath $answers | Should -Be 'refused', 'read'
        }
        finally {
            Remove-Item $answers -ErrorAction Ignore
            Remove-LocalUser -Name $name -ErrorAction Ignore
            Disconnect-Kakao -Confirm:$false -ErrorAction Ignore
            Remove-Item $shared -Recurse -Force -ErrorAction Ignore
        }
    }
}
