#Requires -Version 7.4
<#
.SYNOPSIS
    Writes help-page skeletons for cmdlets and parameters that have no help yet.

.DESCRIPTION
    Reads the cmdlets of the published module (out/KakaoPS) with Get-Command and, for every culture:
      - creates docs/<culture>/<Verb>-<Noun>.md for a cmdlet without a page;
      - adds a '### -Name' block, with its type, sets, position and pipeline input filled in, for a
        parameter that a page does not describe yet (placed before '### CommonParameters').
    The prose is left as '{{ Fill … }}' placeholders; the help tests fail while any remains.
    Run it after 'build.ps1 -Task Build': dotnet pwsh ./docs/New-HelpMarkdown.ps1
#>
[CmdletBinding()]
param(
    [string] $ModulePath = (Join-Path $PSScriptRoot '../out/KakaoPS/KakaoPS.psd1'),
    [string[]] $Culture = @('en-US', 'ko-KR'),
    # The folder holding the culture folders.
    [string] $DocsPath = $PSScriptRoot
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

$common = [System.Management.Automation.Cmdlet]::CommonParameters
$module = Import-Module $ModulePath -PassThru -Force

function New-ParameterBlock($Command, $Parameter) {
    $attributes = @($Parameter.Attributes | Where-Object { $_ -is [System.Management.Automation.ParameterAttribute] })
    $allSets = $Parameter.ParameterSets.ContainsKey('__AllParameterSets') -or $Parameter.ParameterSets.Count -eq $Command.ParameterSets.Count
    $sets = if ($allSets) { '(All)' } else { ($attributes.ParameterSetName | Sort-Object -Unique) -join ', ' }
    $position = if ($attributes[0].Position -ge 0) { $attributes[0].Position } else { 'Named' }
    $pipeline = @(if ($attributes.ValueFromPipelineByPropertyName -contains $true) { 'ByPropertyName' }
        if ($attributes.ValueFromPipeline -contains $true) { 'ByValue' })
    $type = [Nullable]::GetUnderlyingType($Parameter.ParameterType) ?? $Parameter.ParameterType
    $accepted = if ($type.IsEnum) { [enum]::GetNames($type) } else {
        $Parameter.Attributes | Where-Object { $_ -is [System.Management.Automation.ValidateSetAttribute] } | ForEach-Object ValidValues
    }
    $yaml = @(
        "Type: $($type.Name)"
        "Parameter Sets: $sets"
        "Aliases: $(if ($Parameter.Aliases.Count) { $Parameter.Aliases -join ', ' } else { 'None' })"
        if ($accepted) { "Accepted values: $($accepted -join ', ')" }
        ''
        "Required: $($attributes.Mandatory -contains $true)"
        "Position: $position"
        'Default value: None'
        "Accept pipeline input: $(if ($pipeline) { "True ($($pipeline -join ', '))" } else { 'False' })"
        'Accept wildcard characters: False'
    )
    "### -$($Parameter.Name)`n{{ Fill $($Parameter.Name) Description }}`n`n``````yaml`n$($yaml -join "`n")`n```````n"
}

function New-Page($Command) {
    $syntax = foreach ($set in $Command.ParameterSets) {
        $title = if ($set.Name -eq '__AllParameterSets') { 'All' } else { $set.Name }
        if ($set.IsDefault -and $Command.ParameterSets.Count -gt 1) { $title += ' (Default)' }
        "### $title`n```````n$($Command.Name) $set`n```````n"
    }
    $parameters = foreach ($parameter in $Command.Parameters.Values | Where-Object Name -notin $common) { New-ParameterBlock $Command $parameter }
    @"
---
external help file: KakaoPS.dll-Help.xml
Module Name: KakaoPS
schema: 2.0.0
---

# $($Command.Name)

## SYNOPSIS
{{ Fill in the Synopsis }}

## SYNTAX

$($syntax -join "`n")
## DESCRIPTION
{{ Fill in the Description }}

## EXAMPLES

### Example 1: {{ Title }}
``````powershell
{{ Add example code here }}
``````

{{ Add example description here }}

### Example 2: {{ Title, with a pipeline }}
``````powershell
{{ Add example code here }}
``````

{{ Add example description here }}

## PARAMETERS

$($parameters -join "`n")
### CommonParameters
This cmdlet supports the common parameters. See about_CommonParameters.

## INPUTS

### None

## OUTPUTS

### {{ Output type }}

## NOTES

## RELATED LINKS

[about_KakaoPS](about_KakaoPS.md)

"@
}

foreach ($name in $Culture) {
    $folder = New-Item -ItemType Directory -Force (Join-Path $DocsPath $name)
    foreach ($command in Get-Command -Module $module.Name -CommandType Cmdlet) {
        $path = Join-Path $folder "$($command.Name).md"
        if (-not (Test-Path $path)) {
            [IO.File]::WriteAllText($path, (New-Page $command))
            Write-Host "Created $path"
            continue
        }
        $page = [IO.File]::ReadAllText($path)
        $missing = @($command.Parameters.Values | Where-Object { $_.Name -notin $common -and $page -notmatch "(?m)^### -$($_.Name)\s*$" })
        if ($missing) {
            $blocks = ($missing | ForEach-Object { New-ParameterBlock $command $_ }) -join "`n"
            $page = $page -replace '(?m)^### CommonParameters', "$blocks`n### CommonParameters"
            [IO.File]::WriteAllText($path, $page)
            Write-Host "Added $($missing.Name -join ', ') to $path"
        }
    }
}
