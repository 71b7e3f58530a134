# Install: the module where Import-Module KakaoPS finds it by name.

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
