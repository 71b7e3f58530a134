#Requires -Version 7.4
<#
.SYNOPSIS
    Compiles the help markdown under docs/<culture>/ into what Get-Help reads.

.DESCRIPTION
    For every culture folder (en-US, ko-KR, …) under -Source, writes into -Destination/<culture>/:
      KakaoPS.dll-Help.xml     MAML built from the cmdlet pages (<Verb>-<Noun>.md, platyPS layout)
      about_*.help.txt         plain text built from the about_*.md pages
    It stands in for platyPS's New-ExternalHelp, which cannot be installed here. The layout it
    reads is described in docs/README.md.
#>
[CmdletBinding()]
param(
    [string] $Source = $PSScriptRoot,
    [Parameter(Mandatory)] [string] $Destination,
    [string] $HelpFileName = 'KakaoPS.dll-Help.xml'
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

function X([string] $Text) { [System.Security.SecurityElement]::Escape($Text) }

# Splits a page into '## ' sections (or '### ' subsections), ignoring headings inside code fences.
function Split-Heading([string[]] $Lines, [string] $Marker) {
    $sections = [ordered]@{}
    $current = $null
    $inFence = $false
    foreach ($line in $Lines) {
        if ($line -match '^\s*```') { $inFence = -not $inFence }
        if (-not $inFence -and $line.StartsWith("$Marker ")) {
            $current = $line.Substring($Marker.Length + 1).Trim()
            $sections[$current] = [System.Collections.Generic.List[string]]::new()
        }
        elseif ($null -ne $current) {
            $sections[$current].Add($line)
        }
    }
    $sections
}

# Markdown prose to MAML paragraphs: blank lines separate paragraphs; a list item is a paragraph of
# its own with its indented continuation lines; table rows and code blocks keep their own lines.
function ConvertTo-Para([string[]] $Lines) {
    $paragraphs = [System.Collections.Generic.List[string]]::new()
    $buffer = [System.Collections.Generic.List[string]]::new()
    $inFence = $false
    $flush = { if ($buffer.Count) { $paragraphs.Add(($buffer -join ' ')); $buffer.Clear() } }
    foreach ($line in $Lines) {
        if ($line -match '^\s*```') { & $flush; $inFence = -not $inFence; continue }
        if ($inFence) { $paragraphs.Add('    ' + $line); continue }
        if ([string]::IsNullOrWhiteSpace($line)) { & $flush; continue }
        if ($line -match '^\s*([-*] |\d+\. )') { & $flush; $buffer.Add($line.Trim()); continue }
        if ($line -match '^\s*\|') { & $flush; $paragraphs.Add($line.TrimEnd()); continue }
        $buffer.Add($line.Trim())
    }
    & $flush
    ($paragraphs | ForEach-Object { "<maml:para>$(X $_)</maml:para>" }) -join "`n"
}

function Get-CodeBlock([string[]] $Lines) {
    $code = [System.Collections.Generic.List[string]]::new()
    $rest = [System.Collections.Generic.List[string]]::new()
    $state = 'before'
    foreach ($line in $Lines) {
        if ($state -ne 'after' -and $line -match '^\s*```') { $state = if ($state -eq 'before') { 'in' } else { 'after' }; continue }
        if ($state -eq 'in') { $code.Add($line) } else { $rest.Add($line) }
    }
    [pscustomobject]@{ Code = $code -join "`n"; Rest = [string[]]$rest }
}

function Read-Parameter([string] $Name, [string[]] $Lines) {
    $block = Get-CodeBlock $Lines
    $fields = @{}
    foreach ($line in $block.Code -split "`n") {
        if ($line -match '^([A-Za-z ]+):\s*(.*)$') { $fields[$Matches[1].Trim()] = $Matches[2].Trim() }
    }
    $field = { param($key, $default) if ($fields[$key]) { $fields[$key] } else { $default } }
    [pscustomobject]@{
        Name        = $Name
        Description = $block.Rest
        Type        = & $field 'Type' 'String'
        Sets        = @((& $field 'Parameter Sets' '(All)') -split ',\s*')
        Aliases     = & $field 'Aliases' ''
        Accepted    = @((& $field 'Accepted values' '') -split ',\s*' | Where-Object { $_ })
        Required    = (& $field 'Required' 'False') -match '^True'
        # 'True (Custom), False (Scrap)': required only in the sets named after True.
        RequiredIn  = if ((& $field 'Required' '') -match '^True \(([^)]+)\)') { @($Matches[1] -split ',\s*') } else { @() }
        Position    = & $field 'Position' 'Named'
        Default     = & $field 'Default value' 'None'
        Pipeline    = & $field 'Accept pipeline input' 'False'
        Wildcards   = (& $field 'Accept wildcard characters' 'False') -eq 'True'
    }
}

function ConvertTo-MamlParameter($Parameter, [switch] $InSyntax, [string] $Set) {
    $required = $Parameter.Required -and -not ($Set -and $Parameter.RequiredIn -and $Parameter.RequiredIn -notcontains $Set)
    $aliases = if ($Parameter.Aliases -and $Parameter.Aliases -ne 'None') { $Parameter.Aliases } else { 'none' }
    $value = if ($InSyntax -and $Parameter.Accepted) {
        # Shown by Get-Help as {Tail | Head | Split | Error} in the syntax.
        $values = $Parameter.Accepted | ForEach-Object { "<command:parameterValue required=`"false`" variableLength=`"false`">$(X $_)</command:parameterValue>" }
        "<command:parameterValueGroup>$($values -join '')</command:parameterValueGroup>"
    }
    elseif ($Parameter.Type -ne 'SwitchParameter') {
        "<command:parameterValue required=`"true`" variableLength=`"false`">$(X $Parameter.Type)</command:parameterValue>"
    }
    @"
<command:parameter required="$($required.ToString().ToLower())" variableLength="true" globbing="$($Parameter.Wildcards.ToString().ToLower())" pipelineInput="$(X $Parameter.Pipeline)" position="$($Parameter.Position)" aliases="$(X $aliases)">
<maml:name>$(X $Parameter.Name)</maml:name>
<maml:description>$(ConvertTo-Para $Parameter.Description)</maml:description>
$value
<dev:type><maml:name>$(X $Parameter.Type)</maml:name><maml:uri /></dev:type>
<dev:defaultValue>$(X $Parameter.Default)</dev:defaultValue>
</command:parameter>
"@
}

function ConvertTo-MamlType([System.Collections.Specialized.OrderedDictionary] $Types, [string] $Element) {
    foreach ($name in $Types.Keys) {
        "<command:$Element><dev:type><maml:name>$(X $name)</maml:name></dev:type><maml:description>$(ConvertTo-Para $Types[$name])</maml:description></command:$Element>"
    }
}

function ConvertTo-MamlCommand([string] $Path) {
    $text = (Get-Content -Raw -Encoding utf8 $Path) -replace "`r`n", "`n"
    $text = $text -replace '(?s)^---\n.*?\n---\n', ''
    $lines = $text -split "`n"
    $name = ($lines | Where-Object { $_ -match '^# ' } | Select-Object -First 1).Substring(2).Trim()
    $sections = Split-Heading $lines '##'
    foreach ($required in 'SYNOPSIS', 'SYNTAX', 'DESCRIPTION', 'EXAMPLES', 'PARAMETERS', 'INPUTS', 'OUTPUTS', 'NOTES', 'RELATED LINKS') {
        if (-not $sections.Contains($required)) { throw "$Path has no '## $required' section." }
    }

    $parameters = @(foreach ($entry in (Split-Heading $sections['PARAMETERS'] '###').GetEnumerator()) {
            if ($entry.Key -ne 'CommonParameters') { Read-Parameter $entry.Key.TrimStart('-') $entry.Value }
        })
    $setNames = @((Split-Heading $sections['SYNTAX'] '###').Keys | ForEach-Object { $_ -replace '\s*\(Default\)$', '' })
    if (-not $setNames) { $setNames = @('(All)') }
    $syntax = foreach ($set in $setNames) {
        $inSet = $parameters | Where-Object { $set -eq '(All)' -or $_.Sets -contains '(All)' -or $_.Sets -contains $set }
        $ordered = @($inSet | Where-Object Position -ne 'Named' | Sort-Object { [int]$_.Position }) + @($inSet | Where-Object Position -eq 'Named')
        "<command:syntaxItem><maml:name>$(X $name)</maml:name>`n$(($ordered | ForEach-Object { ConvertTo-MamlParameter $_ -InSyntax -Set $set }) -join "`n")</command:syntaxItem>"
    }

    $examples = foreach ($entry in (Split-Heading $sections['EXAMPLES'] '###').GetEnumerator()) {
        $block = Get-CodeBlock $entry.Value
        @"
<command:example>
<maml:title>---------- $(X $entry.Key) ----------</maml:title>
<dev:code>$(X $block.Code)</dev:code>
<dev:remarks>$(ConvertTo-Para $block.Rest)<maml:para /></dev:remarks>
</command:example>
"@
    }

    $links = foreach ($line in $sections['RELATED LINKS']) {
        if ($line -match '^\[(.+?)\]\((.*?)\)') {
            $uri = if ($Matches[2] -match '^https?://') { $Matches[2] } else { '' }
            "<maml:navigationLink><maml:linkText>$(X $Matches[1])</maml:linkText><maml:uri>$(X $uri)</maml:uri></maml:navigationLink>"
        }
    }

    $verb, $noun = $name -split '-', 2
    @"
<command:command xmlns:maml="http://schemas.microsoft.com/maml/2004/10" xmlns:command="http://schemas.microsoft.com/maml/dev/command/2004/10" xmlns:dev="http://schemas.microsoft.com/maml/dev/2004/10" xmlns:MSHelp="http://msdn.microsoft.com/mshelp">
<command:details>
<command:name>$(X $name)</command:name>
<command:verb>$(X $verb)</command:verb>
<command:noun>$(X $noun)</command:noun>
<maml:description>$(ConvertTo-Para $sections['SYNOPSIS'])</maml:description>
</command:details>
<maml:description>$(ConvertTo-Para $sections['DESCRIPTION'])</maml:description>
<command:syntax>
$($syntax -join "`n")
</command:syntax>
<command:parameters>
$(($parameters | ForEach-Object { ConvertTo-MamlParameter $_ }) -join "`n")
</command:parameters>
<command:inputTypes>
$((ConvertTo-MamlType (Split-Heading $sections['INPUTS'] '###') 'inputType') -join "`n")
</command:inputTypes>
<command:returnValues>
$((ConvertTo-MamlType (Split-Heading $sections['OUTPUTS'] '###') 'returnValue') -join "`n")
</command:returnValues>
<maml:alertSet><maml:alert>$(ConvertTo-Para $sections['NOTES'])</maml:alert></maml:alertSet>
<command:examples>
$($examples -join "`n")
</command:examples>
<command:relatedLinks>
$($links -join "`n")
</command:relatedLinks>
</command:command>
"@
}

# Console columns a string takes: Hangul and other wide characters take two.
function Get-Width([string] $Text) {
    ($Text.ToCharArray() | ForEach-Object { if ($_ -ge 0x1100 -and ($_ -le 0x115F -or ($_ -ge 0x2E80 -and $_ -le 0xD7A3) -or ($_ -ge 0xF900 -and $_ -le 0xFAFF) -or ($_ -ge 0xFF00 -and $_ -le 0xFF60))) { 2 } else { 1 } } |
        Measure-Object -Sum).Sum
}

# The about topics' text is wrapped to 80 columns, the width an 80-column console shows whole; code
# is not wrapped (it must stay runnable) and is indented by 8, so lines of up to 102 characters of
# code fit within $CodeWidth.
$HelpWidth = 80
$CodeWidth = 110

# Words wrapped to a width, every line after the first indented like the first (or by $Hanging).
function Format-Wrapped([string] $Text, [string] $Indent, [int] $Width = $HelpWidth, [string] $Hanging = $Indent) {
    $line = ''
    $prefix = $Indent
    foreach ($word in $Text -split '\s+' | Where-Object { $_ }) {
        if ($line -and (Get-Width "$prefix$line $word") -gt $Width) { "$prefix$line"; $line = $word; $prefix = $Hanging }
        else { $line = if ($line) { "$line $word" } else { $word } }
    }
    if ($line) { "$prefix$line" }
}

# A markdown table as the console can show it: the first column, then each other cell on a
# line of its own under the second column, rows separated by blank lines.
function Format-AboutTable([string[]] $Rows) {
    $cells = @($Rows | Where-Object { $_ -notmatch '^\|[\s|:-]+\|$' } | ForEach-Object { , @($_.Trim().Trim('|') -split '\|' | ForEach-Object Trim) })
    # A first cell longer than 12 columns gets a line of its own rather than widening every row.
    $first = [Math]::Min(12, ($cells | ForEach-Object { Get-Width $_[0] } | Measure-Object -Maximum).Maximum) + 2
    foreach ($row in $cells) {
        $lines = @(foreach ($cell in $row[1..($row.Count - 1)]) { Format-Wrapped $cell (' ' * ($first + 4)) })
        if ((Get-Width $row[0]) -gt $first - 2) { '    ' + $row[0] }
        else { $lines[0] = '    ' + $row[0] + (' ' * ($first - (Get-Width $row[0]))) + $lines[0].TrimStart() }
        $lines
        ''
    }
}

# about_*.md to the plain-text layout of about_*.help.txt: headings flush left, text indented and
# wrapped to $HelpWidth columns (a list item's lines hang under its text), code as it is.
function ConvertTo-AboutText([string] $Path) {
    $lines = ((Get-Content -Raw -Encoding utf8 $Path) -replace "`r`n", "`n") -split "`n"
    $inFence = $false
    $table = [System.Collections.Generic.List[string]]::new()
    $paragraph = [System.Collections.Generic.List[string]]::new()
    $flush = {
        if ($paragraph.Count) {
            $joined = ($paragraph -join ' ') -replace '\*\*', ''
            $hanging = if ($joined -match '^([-*] |\d+\. )') { ' ' * (4 + $Matches[1].Length) } else { '    ' }
            Format-Wrapped $joined '    ' -Hanging $hanging
            $paragraph.Clear()
        }
    }
    $text = foreach ($line in $lines) {
        if (-not $inFence -and $line -match '^\|') { & $flush; $table.Add($line); continue }
        if ($table.Count) { Format-AboutTable $table; $table.Clear() }
        if ($line -match '^\s*```') { & $flush; $inFence = -not $inFence; continue }
        if ($inFence) {
            if ((Get-Width "        $line") -gt $CodeWidth) { throw "${Path}: a code line is wider than $CodeWidth columns: $line" }
            '        ' + $line
            continue
        }
        if ($line -match '^# (.+)$') { & $flush; 'TOPIC'; '    ' + $Matches[1].Trim(); continue }
        if ($line -match '^#{2,} (.+)$') { & $flush; $Matches[1].Trim().ToUpperInvariant(); continue }
        if ([string]::IsNullOrWhiteSpace($line)) { & $flush; ''; continue }
        if ($line -match '^([-*] |\d+\. )') { & $flush }
        $paragraph.Add($line.Trim())
    }
    $text = @($text) + @(& $flush)
    ($text -join [Environment]::NewLine) -replace '(\r?\n){3,}', ([Environment]::NewLine * 2) -replace '\s+$', [Environment]::NewLine
}

foreach ($culture in Get-ChildItem $Source -Directory | Where-Object Name -match '^[a-z]{2}-[A-Z]{2}$') {
    $target = New-Item -ItemType Directory -Force (Join-Path $Destination $culture.Name)
    $pages = Get-ChildItem $culture.FullName -Filter '*-*.md' | Sort-Object Name
    $commands = foreach ($page in $pages) { ConvertTo-MamlCommand $page.FullName }
    $xml = "<?xml version=`"1.0`" encoding=`"utf-8`"?>`n<helpItems schema=`"maml`" xmlns=`"http://msh`">`n$($commands -join "`n")`n</helpItems>`n"
    [void][xml]$xml # fail the build on malformed output rather than leaving Get-Help silently empty
    [IO.File]::WriteAllText((Join-Path $target $HelpFileName), $xml, [Text.UTF8Encoding]::new($false))

    foreach ($about in Get-ChildItem $culture.FullName -Filter 'about_*.md') {
        # A BOM lets Windows PowerShell 5.1 read the Hangul correctly.
        [IO.File]::WriteAllText((Join-Path $target "$($about.BaseName).help.txt"), (ConvertTo-AboutText $about.FullName), [Text.UTF8Encoding]::new($true))
    }
    Write-Verbose "Help for $($culture.Name): $(@($pages).Count) cmdlet page(s)"
}
