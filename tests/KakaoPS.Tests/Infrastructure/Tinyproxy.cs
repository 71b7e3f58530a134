using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net.Sockets;
using System.Threading.Tasks;

namespace KakaoPS.Tests.Infrastructure;

/// <summary>
/// A real HTTP proxy (tinyproxy) of the test's own: its own config, log and free loopback port,
/// accepting clients from loopback only.
/// </summary>
public sealed class Tinyproxy : IDisposable
{
    private readonly Process _process;
    private readonly string _logPath;

    private Tinyproxy(Process process, int port, string logPath)
    {
        _process = process;
        Port = port;
        _logPath = logPath;
    }

    public int Port { get; }

    /// <summary>The value of HTTPS_PROXY that sends requests through this proxy.</summary>
    public string Url => $"http://127.0.0.1:{Port}";

    /// <summary>The request lines the proxy received, e.g. "CONNECT host:443 HTTP/1.1".</summary>
    public string[] Requests() =>
        File.Exists(_logPath)
            ? File.ReadAllLines(_logPath).Where(line => line.Contains("Request (file descriptor")).Select(line => line[(line.IndexOf("): ", StringComparison.Ordinal) + 3)..]).ToArray()
            : Array.Empty<string>();

    public static async Task<Tinyproxy> StartAsync(string folder)
    {
        var executable = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(directory => Path.Combine(directory, "tinyproxy"))
            .FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("The proxy tests need tinyproxy: run them through build.ps1 -Task Test, which installs it or says how.");
        var port = Network.FreePort();
        var logPath = Path.Combine(folder, "tinyproxy.log");
        var configPath = Path.Combine(folder, "tinyproxy.conf");
        // No ConnectPort line: CONNECT is allowed to any port (the emulator's is random).
        File.WriteAllLines(configPath, new[]
        {
            $"Port {port}",
            "Listen 127.0.0.1",
            "Allow 127.0.0.1",
            "Timeout 60",
            "MaxClients 20",
            $"LogFile \"{logPath}\"",
            "LogLevel Connect",
            "DisableViaHeader Yes",
        });
        var start = new ProcessStartInfo(executable) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "-d", "-c", configPath })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start)!;
        _ = process.StandardOutput.ReadToEndAsync();
        _ = process.StandardError.ReadToEndAsync();
        var proxy = new Tinyproxy(process, port, logPath);
        for (var attempt = 0; attempt < 100; attempt++)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", port);
                return proxy;
            }
            catch (SocketException) when (!process.HasExited)
            {
                await Task.Delay(50);
            }
        }

        proxy.Dispose();
        throw new InvalidOperationException($"tinyproxy did not start on port {port}: {(File.Exists(logPath) ? File.ReadAllText(logPath) : "no log")}");
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
    }
}
