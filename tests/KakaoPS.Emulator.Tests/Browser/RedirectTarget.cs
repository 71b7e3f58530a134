using System.Net;
using System.Net.Sockets;
using System.Text;

namespace KakaoPS.Emulator.Tests.Browser;

/// <summary>A local page standing in for the app's redirect URI: it records the query the browser arrives with.</summary>
public sealed class RedirectTarget : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly TaskCompletionSource<Uri> _arrived = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public RedirectTarget()
    {
        var port = FreePort();
        Uri = $"http://127.0.0.1:{port}/callback";
        _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        _listener.Start();
        _ = ServeAsync();
    }

    public string Uri { get; }

    public Task<Uri> Arrived => _arrived.Task;

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try { context = await _listener.GetContextAsync(); }
            catch (Exception) { return; }
            if (context.Request.Url is { AbsolutePath: "/callback" } url) _arrived.TrySetResult(url);
            var page = Encoding.UTF8.GetBytes("<!DOCTYPE html><meta charset=utf-8><title>done</title><p id=done>로그인 완료. 창을 닫아도 됩니다.</p>");
            context.Response.ContentType = "text/html; charset=utf-8";
            await context.Response.OutputStream.WriteAsync(page);
            context.Response.Close();
        }
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    public void Dispose() => _listener.Close();
}
