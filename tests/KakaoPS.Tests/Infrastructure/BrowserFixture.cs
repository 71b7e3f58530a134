using System;
using System.IO;
using System.Threading.Tasks;
using Microsoft.Playwright;

namespace KakaoPS.Tests.Infrastructure;

/// <summary>One Playwright driver and headless Debian chromium for the run; each test opens its own context.</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    // build.ps1 -Task Test sets KAKAOPS_TEST_BROWSER to the browser it found (Debian's chromium here).
    private static readonly string ChromiumPath = Environment.GetEnvironmentVariable("KAKAOPS_TEST_BROWSER") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>A path for a screenshot in the test output directory.</summary>
    public static string Screenshot(string name) =>
        Path.Combine(Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "screenshots")).FullName, name);

    public async Task InitializeAsync()
    {
        // A missing browser fails the browser tests; it never skips them.
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"Browser tests need a Chromium-based browser at {ChromiumPath}: run them through build.ps1 -Task Test, which installs it or says how");
        }

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = new[] { "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run" },
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser != null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Browser";
}
