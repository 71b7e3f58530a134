# The secret scan: no token an emulator issued during the run may appear in any test log.

# The tests note every token their emulators issued as a SHA-256 hash (never the token) in this file.
function Get-IssuedTokenHashFile { Join-Path $ResultsOut 'issued-tokens.sha256' }

function Get-TokenHash([string] $Text) {
    [Convert]::ToHexString([System.Security.Cryptography.SHA256]::HashData([Text.Encoding]::UTF8.GetBytes($Text)))
}

function Write-IssuedTokenHashes($Emulator) {
    $issued = @((Invoke-RestMethod "$($Emulator.BaseUrl)/_emulator/tokens").issued)
    if ($issued.Count -gt 0) { $issued | ForEach-Object { Get-TokenHash $_ } | Add-Content (Get-IssuedTokenHashFile) }
}

# Every token an emulator issued during the run, looked for in every test log: zero hits or the run fails.
function Invoke-SecretScan {
    $hashes = [System.Collections.Generic.HashSet[string]]::new([string[]]@(Get-Content (Get-IssuedTokenHashFile) -ErrorAction Ignore))
    $hits = 0
    $logs = @(Get-ChildItem $ResultsOut -File -Recurse | Where-Object FullName -ne (Get-IssuedTokenHashFile))
    foreach ($log in $logs) {
        foreach ($run in [regex]::Matches((Get-Content -Raw $log.FullName), '[A-Za-z0-9_-]{20,}').Value) {
            # A token may sit inside a longer run of token characters: try every token-sized window too.
            $candidates = @($run) + @(if ($run.Length -gt 60) { 0..($run.Length - 60) | ForEach-Object { $run.Substring($_, 60) } })
            foreach ($candidate in $candidates) { if ($hashes.Contains((Get-TokenHash $candidate))) { $hits++ } }
        }
    }
    Write-Host "Secret scan: $($hashes.Count) issued tokens looked for in $($logs.Count) test logs: $hits found"
    $ok = $hits -eq 0 -and $hashes.Count -gt 0
    [pscustomobject]@{ Suite = 'secret-scan'; Passed = [int]$ok; Failed = [int](-not $ok) }
}
