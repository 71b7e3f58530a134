namespace KakaoPS.Emulator;

/// <summary>Start-up settings of the emulator; each maps to a command-line switch of the same name.</summary>
public sealed class EmulatorOptions
{
    /// <summary>Kestrel URL to listen on (<c>--urls</c>); port 0 picks a free port.</summary>
    public string Urls { get; set; } = "http://127.0.0.1:0";

    /// <summary>Authorize redirects at once with a code instead of showing the consent page (<c>--auto-consent</c>).</summary>
    public bool AutoConsent { get; set; }

    /// <summary>REST API key of the default app (<c>--rest-api-key</c>).</summary>
    public string RestApiKey { get; set; } = EmulatorDefaults.RestApiKey;

    /// <summary>Turns the client secret ON for the default app (<c>--client-secret</c>).</summary>
    public string? ClientSecret { get; set; }

    /// <summary>Path of an apps.json file with more apps (<c>--config</c>).</summary>
    public string? ConfigPath { get; set; }

    /// <summary>The certificate of https:// URLs in <see cref="Urls"/> (in-process hosts only, e.g. a test's self-signed one).</summary>
    public System.Security.Cryptography.X509Certificates.X509Certificate2? Certificate { get; set; }
}
