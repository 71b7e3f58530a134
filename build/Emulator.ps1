# Emulator: a local Kakao in the foreground.

function Invoke-Emulator {
    Build-KakaoPS
    $arguments = @($EmulatorArguments | ForEach-Object { $_ -split '\s+' } | Where-Object { $_ })
    & dotnet (Join-Path $EmulatorOut 'KakaoPS.Emulator.dll') @arguments
}
