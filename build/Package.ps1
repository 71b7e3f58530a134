# Package: the .nupkg that Publish-PSResource pushes to the PowerShell Gallery, in a local folder repository.

function Invoke-Package {
    Build-KakaoPS
    Remove-Item $RepositoryOut -Recurse -Force -ErrorAction Ignore
    New-Item -ItemType Directory $RepositoryOut | Out-Null
    # A repository registered only for this publish, so the user's own repositories are left alone.
    $name = "KakaoPS-build-$PID"
    Register-PSResourceRepository -Name $name -Uri $RepositoryOut -Trusted
    try {
        Publish-PSResource -Path $ModuleOut -Repository $name
    }
    finally {
        Unregister-PSResourceRepository -Name $name
    }
    Write-Host "Package: $((Get-ChildItem $RepositoryOut -Filter *.nupkg).FullName) (Publish-PSResource -Path $ModuleOut pushes the same to PSGallery)"
}
