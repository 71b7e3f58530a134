# Runs Pester specs in PowerShell 7's Windows build (the Windows lane of build.ps1 -Task Test) and ends with the
# line the build reads: PESTER-COUNTS <passed> <failed>.
param([string] $PesterModule, [string] $Specs)

$PSStyle.OutputRendering = 'PlainText'
Import-Module $PesterModule -Force
$config = New-PesterConfiguration
$config.Run.Path = $Specs -split ','
$config.Run.PassThru = $true
$config.Output.Verbosity = 'Detailed'
$config.TestResult.Enabled = $false   # Pester's NUnit report asks Get-CimInstance, which never answers under Wine
$result = Invoke-Pester -Configuration $config
"PESTER-COUNTS $($result.PassedCount) $($result.FailedCount + $result.FailedBlocksCount + $result.FailedContainersCount)"
