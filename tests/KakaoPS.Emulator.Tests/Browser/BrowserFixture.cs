using Microsoft.Playwright;

namespace KakaoPS.Emulator.Tests.Browser;

/// <summary>One Playwright driver and one headless Debian chromium for the whole run; tests open their own context.</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    // build.ps1 -Task Test sets KAKAOPS_TEST_BROWSER to the browser it found (Debian's chromium here).
    public static readonly string ChromiumPath = Environment.GetEnvironmentVariable("KAKAOPS_TEST_BROWSER") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    private IPlaywright? _playwright;
    public IBrowser Browser { get; private set; } = null!;

    /// <summary>Screenshots land next to the test assembly, in the test output directory.</summary>
    public static string ScreenshotDirectory { get; } = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "screenshots")).FullName;

    public async Task InitializeAsync()
    {
        // A missing browser must fail the browser tests, never skip them.
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException(
                $"Browser tests need a Chromium-based browser at {ChromiumPath}: run them through build.ps1 -Task Test, which installs it or says how.");

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run"],
        });
    }

    /// <summary>A fresh context at phone width, so each test starts without cookies or storage.</summary>
    public Task<IBrowserContext> NewPhoneContextAsync() =>
        Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 390, Height = 844 }, Locale = "ko-KR" });

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Browser";
}
