using KakaoPS.Emulator.Control;
using KakaoPS.Emulator.Http;
using KakaoPS.Emulator.Inbox;
using KakaoPS.Emulator.Kapi;
using KakaoPS.Emulator.Kauth;
using KakaoPS.Emulator.State;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace KakaoPS.Emulator;

/// <summary>A running emulator: kauth and kapi served together on one Kestrel host.</summary>
public sealed class EmulatorHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private EmulatorHost(WebApplication app, Uri baseUrl, EmulatorState state)
    {
        _app = app;
        BaseUrl = baseUrl;
        State = state;
    }

    /// <summary>e.g. http://127.0.0.1:41234/ — use it for both KAKAOPS_AUTH_URL and KAKAOPS_API_URL.</summary>
    public Uri BaseUrl { get; }

    /// <summary>The instance's state, for in-process tests that want to look directly.</summary>
    public EmulatorState State { get; }

    public static async Task<EmulatorHost> StartAsync(EmulatorOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new EmulatorOptions();
        var state = new EmulatorState(options);

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(EmulatorHost).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.WebHost.UseUrls(options.Urls);
        if (options.Certificate is { } certificate)
        {
            builder.WebHost.UseKestrelHttpsConfiguration();
            builder.WebHost.ConfigureKestrel(kestrel => kestrel.ConfigureHttpsDefaults(https => https.ServerCertificate = certificate));
        }

        // Quiet by default: warnings and errors only, never per-request lines (which could carry secrets).
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton<IHostLifetime, HostLifetimeWithoutSignals>();
        builder.Services.AddSingleton(state);
        builder.Services.AddSingleton<TokenIssuer>();
        builder.Services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.PropertyNameCaseInsensitive = true;
            json.SerializerOptions.Encoder = EmulatorJson.Control.Encoder;
        });

        var app = builder.Build();
        app.UseMiddleware<ControlRequestGuard>();
        app.UseMiddleware<RequestLogMiddleware>();
        app.UseMiddleware<FaultMiddleware>();
        AuthorizeEndpoints.Map(app);
        TokenEndpoint.Map(app);
        MemoEndpoints.Map(app);
        UserEndpoints.Map(app);
        ControlEndpoints.Map(app);
        InboxEndpoints.Map(app);

        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!
            .Addresses.First();
        return new EmulatorHost(app, new Uri(address), state);
    }

    public Task StopAsync() => _app.StopAsync();

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
