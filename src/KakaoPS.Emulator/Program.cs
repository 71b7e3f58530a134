using System.Runtime.InteropServices;
using KakaoPS.Emulator;

// Command line: --urls URL, --auto-consent, --rest-api-key KEY, --client-secret SECRET, --config apps.json
EmulatorOptions options;
try
{
    options = CommandLine.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine(CommandLine.Usage);
    return 2;
}

await using var host = await EmulatorHost.StartAsync(options);
var baseUrl = host.BaseUrl.GetLeftPart(UriPartial.Authority);
var app = host.State.Apps.Find(options.RestApiKey)!;

Console.WriteLine($"KakaoPS emulator (kauth + kapi) listening on {baseUrl}");
Console.WriteLine($"  Inbox (나와의 채팅):  {baseUrl}/");
Console.WriteLine($"  REST API key:        {app.RestApiKey}");
Console.WriteLine($"  Client secret:       {(app.ClientSecret is null ? "OFF" : "ON (value not shown)")}");
Console.WriteLine($"  Consent:             {(options.AutoConsent ? "automatic (--auto-consent)" : "consent page in the browser")}");
Console.WriteLine("  Redirect URIs:");
foreach (var uri in app.RedirectUris) Console.WriteLine($"    {uri}");
foreach (var other in host.State.Apps.All.Where(a => a.RestApiKey != app.RestApiKey))
    Console.WriteLine($"  Also registered:     {other.RestApiKey} ({other.Name})");
Console.WriteLine("Set these variables for KakaoPS:");
Console.WriteLine($"  KAKAOPS_AUTH_URL={baseUrl}");
Console.WriteLine($"  KAKAOPS_API_URL={baseUrl}");
Console.WriteLine($"  KAKAO_REST_API_KEY={app.RestApiKey}");
Console.WriteLine("In PowerShell:");
Console.WriteLine($"  $env:KAKAOPS_AUTH_URL = '{baseUrl}'");
Console.WriteLine($"  $env:KAKAOPS_API_URL = '{baseUrl}'");
Console.WriteLine($"  $env:KAKAO_REST_API_KEY = '{app.RestApiKey.Replace("'", "''")}'");
Console.WriteLine("Press Ctrl+C to stop.");

var stopped = new TaskCompletionSource();
using var onInterrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
using var onTerminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
await stopped.Task;
return 0;

void Stop(PosixSignalContext signal)
{
    signal.Cancel = true;   // stop the host cleanly below instead of letting the runtime exit at once
    stopped.TrySetResult();
}
