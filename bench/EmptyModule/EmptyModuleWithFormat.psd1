@{
    RootModule        = 'EmptyModule.dll'
    ModuleVersion     = '1.0.0'
    GUID              = '0f7b7a52-3c1e-4a8e-9a43-6b2f0e9d1c11'
    Description       = 'Import-cost baseline for the KakaoPS benchmarks, with a one-view format file.'
    PowerShellVersion = '5.1'
    FormatsToProcess  = @('EmptyModule.format.ps1xml')
    CmdletsToExport   = @('Get-Nothing', 'Send-RawPost')
    FunctionsToExport = @()
    AliasesToExport   = @()
    VariablesToExport = @()
}
