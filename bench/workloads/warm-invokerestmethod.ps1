# The loop users write today: the token read once from kakao_token.json, then Invoke-RestMethod per memo.
# Prints the milliseconds of each measured call as JSON.
param([int] $Warmup, [int] $Count)
$ErrorActionPreference = 'Stop'

$token = (Get-Content $env:KAKAOPS_TOKEN_PATH -Raw | ConvertFrom-Json).access_token
$uri = "$env:KAKAOPS_API_URL/v2/api/talk/memo/default/send"
function Send-Memo([string] $Text) {
    $template = @{ object_type = 'text'; text = $Text; link = @{ web_url = 'https://developers.kakao.com' } } | ConvertTo-Json -Compress
    $response = Invoke-RestMethod -Method Post -Uri $uri -Headers @{ Authorization = "Bearer $token" } -Body @{ template_object = $template }
    if ($response.result_code -ne 0) { throw "send failed: $response" }
}

$watch = [System.Diagnostics.Stopwatch]::new()
for ($i = 0; $i -lt $Warmup; $i++) { Send-Memo "warm-up $i" }
$times = for ($i = 0; $i -lt $Count; $i++) {
    $watch.Restart()
    Send-Memo "Invoke-RestMethod $i"
    $watch.Elapsed.TotalMilliseconds
}
ConvertTo-Json -Compress @($times)
