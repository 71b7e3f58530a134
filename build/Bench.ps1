# Bench: Send-KakaoMemo measured beside its alternatives (bench/, docs/benchmarks.md).

function Invoke-Bench {
    Build-KakaoPS
    $floor = Join-Path $Out 'bench/HttpFloor'
    $emptyModule = Join-Path $Out 'bench/EmptyModule'
    Invoke-Dotnet build (Join-Path $Root 'bench/HttpFloor/HttpFloor.csproj') -c Release -o $floor --nologo -v quiet
    Invoke-Dotnet build (Join-Path $Root 'bench/EmptyModule/EmptyModule.csproj') -c Release -o $emptyModule --nologo -v quiet
    $emulator = Start-Emulator
    try {
        $json = Join-Path $Root 'docs/benchmarks.json'
        $partial = @{}
        if ($BenchPhase) {
            # Some phases only: their figures go to out/, and docs/ keeps the last whole run.
            $json = Join-Path $Out 'bench/benchmarks.json'
            # 'firstCall,oneShot' from bash arrives as one string.
            $partial = @{ Phase = @($BenchPhase -split ','); ProcessRuns = $BenchRuns }
        }
        & (Join-Path $Root 'bench/Bench.ps1') -BaseUrl $emulator.BaseUrl -ModulePath (Join-Path $ModuleOut 'KakaoPS.psd1') `
            -FloorPath (Join-Path $floor 'HttpFloor.dll') -EmptyModulePath (Join-Path $emptyModule 'EmptyModule.psd1') -JsonPath $json @partial
        if (-not $BenchPhase) {
            & (Join-Path $Root 'bench/Write-BenchReport.ps1') -JsonPath $json -MarkdownPath (Join-Path $Root 'docs/benchmarks.md')
        }
    }
    finally {
        Stop-Emulator $emulator
    }
}
