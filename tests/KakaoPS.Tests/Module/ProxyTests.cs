using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.NetworkInformation;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Threading.Tasks;
using KakaoPS.Emulator;
using KakaoPS.Tests.Infrastructure;

namespace KakaoPS.Tests.Module;

/// <summary>
/// Behind a corporate proxy: the published module in a child `dotnet pwsh`, with HTTPS_PROXY naming
/// a real proxy (tinyproxy) between it and an HTTPS emulator. The emulator is reached by this
/// machine's own host name, which is not loopback to .NET (it sends loopback direct) but resolves
/// to an address of this machine, so nothing leaves it.
/// </summary>
[Trait("Category", "Proxy")]
public sealed class ProxyTests : IClassFixture<ProxyTests.HttpsEmulator>, IDisposable
{
    private readonly HttpsEmulator _emulator;
    private readonly TempFolder _folder = new();

    public ProxyTests(HttpsEmulator emulator)
    {
        _emulator = emulator;
    }

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task A_CI_step_behind_an_HTTPS_proxy_logs_in_and_sends_through_it()
    {
        using var proxy = await Tinyproxy.StartAsync(_folder.Path);
        var environment = Environment(proxy.Url, noProxy: null);
        environment["TEST_CODE"] = await _emulator.Control.NewCodeAsync(EmulatorDefaults.RestApiKey);

        var result = (await PwshProcess.RunAsync(
            "$null = Connect-Kakao -Code $env:TEST_CODE; (Send-KakaoMemo -Text 'sent through the proxy').Success", environment)).Succeeded();

        Assert.Equal("True", result.Output.Trim());
        Assert.Contains("sent through the proxy", await _emulator.Control.MemoTextsAsync());
        // One tunnel per connection: the token exchange and the send may share it.
        Assert.Contains($"CONNECT {_emulator.HostName}:{_emulator.Port} HTTP/1.1", proxy.Requests());
        Assert.All(proxy.Requests(), request => Assert.StartsWith($"CONNECT {_emulator.HostName}:{_emulator.Port} ", request));
    }

    [Fact]
    public async Task NO_PROXY_sends_a_host_direct()
    {
        using var proxy = await Tinyproxy.StartAsync(_folder.Path);
        var environment = Environment(proxy.Url, noProxy: "example.org," + _emulator.HostName);
        environment["TEST_CODE"] = await _emulator.Control.NewCodeAsync(EmulatorDefaults.RestApiKey);

        var result = (await PwshProcess.RunAsync(
            "$null = Connect-Kakao -Code $env:TEST_CODE; (Send-KakaoMemo -Text 'sent direct').Success", environment)).Succeeded();

        Assert.Equal("True", result.Output.Trim());
        Assert.Empty(proxy.Requests());
    }

    [Fact]
    public async Task A_proxy_that_does_not_answer_is_a_connection_error()
    {
        var environment = Environment($"http://127.0.0.1:{Network.FreePort()}", noProxy: null);
        environment["TEST_CODE"] = await _emulator.Control.NewCodeAsync(EmulatorDefaults.RestApiKey);

        var result = await PwshProcess.RunAsync(
            "try { Connect-Kakao -Code $env:TEST_CODE } catch { $_.FullyQualifiedErrorId }", environment);

        Assert.StartsWith("KakaoUnreachable", result.Output.Trim());
    }

    private Dictionary<string, string?> Environment(string proxyUrl, string? noProxy)
    {
        var environment = new Dictionary<string, string?>
        {
            ["KAKAOPS_AUTH_URL"] = _emulator.BaseUrl,
            ["KAKAOPS_API_URL"] = _emulator.BaseUrl,
            ["KAKAOPS_TOKEN_PATH"] = _folder.TokenPath,
            ["KAKAO_REST_API_KEY"] = EmulatorDefaults.RestApiKey,
            // The child trusts the emulator's self-signed certificate, and only it.
            ["SSL_CERT_FILE"] = _emulator.CertificateFile,
            ["SSL_CERT_DIR"] = _folder.Path,
            ["HTTPS_PROXY"] = proxyUrl,
            ["NO_PROXY"] = noProxy,
        };
        foreach (var inherited in new[] { "https_proxy", "http_proxy", "HTTP_PROXY", "all_proxy", "ALL_PROXY", "no_proxy" })
        {
            environment[inherited] = null;
        }

        return environment;
    }

    /// <summary>An emulator serving HTTPS with a self-signed certificate for this machine's host name.</summary>
    public sealed class HttpsEmulator : IAsyncLifetime
    {
        private readonly TempFolder _folder = new();
        private EmulatorHost? _host;
        private X509Certificate2? _certificate;

        public string HostName { get; } = Dns.GetHostName();

        public int Port => _host!.BaseUrl.Port;

        public string BaseUrl => $"https://{HostName}:{Port}";

        public string CertificateFile => _folder.File("emulator.pem");

        public EmulatorControl Control { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            var address = await LocalAddressOf(HostName);
            _certificate = SelfSigned(HostName);
            File.WriteAllText(CertificateFile, _certificate.ExportCertificatePem());
            var urlHost = address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{address}]" : address.ToString();
            _host = await EmulatorHost.StartAsync(new EmulatorOptions { AutoConsent = true, Urls = $"https://{urlHost}:0", Certificate = _certificate });
            Control = new EmulatorControl(_host.BaseUrl.GetLeftPart(UriPartial.Authority), _certificate);
        }

        public async Task DisposeAsync()
        {
            IssuedTokenLog.Record(await Control.IssuedTokensAsync());
            Control.Dispose();
            await _host!.DisposeAsync();
            _certificate?.Dispose();
            _folder.Dispose();
        }

        /// <summary>The address the host name resolves to, which must belong to this machine: no request leaves it.</summary>
        private static async Task<IPAddress> LocalAddressOf(string hostName)
        {
            var own = NetworkInterface.GetAllNetworkInterfaces()
                .SelectMany(i => i.GetIPProperties().UnicastAddresses)
                .Select(a => a.Address)
                .ToHashSet();
            var addresses = await Dns.GetHostAddressesAsync(hostName);
            return addresses.FirstOrDefault(a => IPAddress.IsLoopback(a) || own.Contains(a))
                ?? throw new InvalidOperationException(
                    $"This machine's host name '{hostName}' resolves to {string.Join(", ", addresses.Select(a => a.ToString()))}, none of them its own; " +
                    "map it to 127.0.1.1 in /etc/hosts so the proxy test stays on this machine.");
        }

        private static X509Certificate2 SelfSigned(string hostName)
        {
            using var key = RSA.Create(2048);
            var request = new CertificateRequest($"CN={hostName}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            var names = new SubjectAlternativeNameBuilder();
            names.AddDnsName(hostName);
            request.CertificateExtensions.Add(names.Build());
            request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
            request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
            request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(new OidCollection { new Oid("1.3.6.1.5.5.7.3.1") }, false));
            var now = DateTimeOffset.UtcNow;
            using var certificate = request.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(1));
            // Exported and read back so that Kestrel gets a certificate whose key it can use on every OS.
            return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null);
        }
    }
}
