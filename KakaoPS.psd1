@{
    # Desktop/ for Windows PowerShell, Core/ for PowerShell 7: plain assemblies, which every OS and CPU loads.
    # On import, PowerShell 7 takes the core compiled for its OS and CPU from Core/<runtime>/ when there is one.
    RootModule           = 'KakaoPS.dll'
    ModuleVersion        = '0.4.2'
    CompatiblePSEditions = @('Core', 'Desktop')
    GUID                 = '5b0f3e0c-6a51-4d47-9a8e-2f4c1d7b9e13'
    Author               = 'KakaoPS contributors'
    CompanyName          = 'KakaoPS'
    Copyright            = '(c) KakaoPS contributors. MIT License.'
    Description          = 'Send KakaoTalk messages to yourself (나에게 보내기) from PowerShell: one token cache, silent refresh, typed results, pipelines.'
    PowerShellVersion    = '5.1'
    FormatsToProcess     = @('KakaoPS.format.ps1xml')
    CmdletsToExport      = @(
        'Get-KakaoAuthUrl'
        'Connect-Kakao'
        'Send-KakaoMemo'
        'New-KakaoFeedTemplate'
        'New-KakaoListTemplate'
        'New-KakaoLocationTemplate'
        'New-KakaoCommerceTemplate'
        'Get-KakaoScope'
        'Get-KakaoContext'
        'Disconnect-Kakao'
        'Test-KakaoConnection'
    )
    FunctionsToExport    = @()
    AliasesToExport      = @()
    VariablesToExport    = @()
    PrivateData          = @{
        PSData = @{
            Tags       = @('Kakao', 'KakaoTalk', 'Notification', 'Memo', 'CI', 'Korean', 'PSEdition_Core', 'PSEdition_Desktop', 'Windows', 'Linux', 'MacOS')
            ProjectUri = 'https://github.com/kakaops/KakaoPS'
            LicenseUri = 'https://github.com/kakaops/KakaoPS/blob/main/LICENSE'
            # Stamped by build.ps1 with this version's section of CHANGELOG.md.
            ReleaseNotes = ''
        }
    }
}
