using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using KakaoPS.Errors;
using KakaoPS.Resources;
using KakaoPS.Logging;
using KakaoPS.Tokens;

namespace KakaoPS.Login
{
    /// <summary>
    /// A one-shot HTTP listener on the loopback redirect URI that catches Kakao's redirect. It
    /// answers only the redirect URI's path (404 elsewhere), only a request addressed to the
    /// redirect URI's host and port that carries a code or an error and the expected state (400
    /// otherwise, and it keeps waiting), and holds the browser's connection until the
    /// login is finished so that the page can say how it ended.
    /// </summary>
    internal sealed class LoopbackReceiver : IDisposable
    {
        private static readonly string[] LineBreak = { "\r\n" };

        private const int MaxRequestBytes = 16 * 1024;

        private readonly List<TcpListener> _listeners;
        private readonly string _path;
        private readonly Uri _redirectUri;
        private TcpClient? _browser;

        private LoopbackReceiver(List<TcpListener> listeners, string path, Uri redirectUri)
        {
            _listeners = listeners;
            _path = path;
            _redirectUri = redirectUri;
        }

        /// <summary>Starts listening on the redirect URI, which must be http on 127.0.0.1, [::1] or localhost.</summary>
        public static LoopbackReceiver Start(Uri redirectUri)
        {
            var addresses = LoopbackAddresses(redirectUri);
            var listeners = new List<TcpListener>();
            SocketException? failure = null;
            IPAddress? taken = null;
            foreach (var address in addresses)
            {
                var listener = new TcpListener(address, redirectUri.Port);
                try
                {
                    listener.Start();
                    listeners.Add(listener);
                }
                catch (SocketException e)
                {
                    failure = e;
                    if (e.SocketErrorCode == SocketError.AddressAlreadyInUse)
                    {
                        taken ??= address;
                    }
                }
            }

            // localhost may resolve to either address, and the browser may take either: a program
            // holding the port on one of them would receive the code, so each must be ours. An
            // address the machine does not have (no IPv6) is no such risk.
            if (listeners.Count == 0 || taken != null)
            {
                listeners.ForEach(l => l.Stop());
                var inUse = taken != null;
                var where = addresses.Length == 1 ? redirectUri.Host : $"{redirectUri.Host} ({Format(taken ?? addresses[0])})";
                throw new KakaoException(inUse ? "LoopbackPortInUse" : "LoopbackListenFailed", KakaoErrorKind.ResourceUnavailable,
                    inUse
                        ? string.Format(CultureInfo.CurrentCulture, LoginMessages.LoopbackPortInUse, redirectUri.Port, where)
                        : string.Format(CultureInfo.CurrentCulture, LoginMessages.LoopbackListenFailed, redirectUri.Host, redirectUri.Port, failure?.Message),
                    LoginMessages.LoopbackPortAction,
                    failure);
            }

            var path = redirectUri.AbsolutePath.Length == 0 ? "/" : redirectUri.AbsolutePath;
            return new LoopbackReceiver(listeners, path, redirectUri);
        }

        /// <summary>Refuses what the listener cannot serve before anything else happens.</summary>
        public static Uri ValidateRedirectUri(string redirectUri)
        {
            if (!Uri.TryCreate(redirectUri, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttp || !IsLoopbackHost(uri.Host))
            {
                throw new KakaoException("RedirectUriNotLoopback", KakaoErrorKind.InvalidArgument,
                    string.Format(CultureInfo.CurrentCulture, LoginMessages.RedirectUriNotLoopback, redirectUri),
                    LoginMessages.RedirectUriNotLoopbackAction);
            }

            return uri;
        }

        /// <summary>
        /// Waits for the redirect with the expected state; other requests get 404 or 400. Each
        /// connection is served on its own, since browsers open idle spare connections.
        /// </summary>
        public async Task<AuthorizationResponse> WaitAsync(string expectedState, KakaoLog log, CancellationToken cancellationToken)
        {
            var received = new TaskCompletionSource<AuthorizationResponse>(TaskCreationOptions.RunContinuationsAsynchronously);
            using var cancel = cancellationToken.Register(() => received.TrySetCanceled(cancellationToken));
            foreach (var listener in _listeners)
            {
                _ = AcceptLoopAsync(listener, expectedState, received, log);
            }

            try
            {
                return await received.Task.ConfigureAwait(false);
            }
            finally
            {
                _listeners.ForEach(l => l.Stop());
            }
        }

        private async Task AcceptLoopAsync(TcpListener listener, string expectedState, TaskCompletionSource<AuthorizationResponse> received, KakaoLog log)
        {
            while (!received.Task.IsCompleted)
            {
                TcpClient client;
                try
                {
                    client = await listener.AcceptTcpClientAsync().ConfigureAwait(false);
                }
                catch (Exception e) when (e is ObjectDisposedException || e is SocketException || e is InvalidOperationException)
                {
                    return; // stopped
                }

                _ = ServeAsync(client, expectedState, received, log);
            }
        }

        private async Task ServeAsync(TcpClient client, string expectedState, TaskCompletionSource<AuthorizationResponse> received, KakaoLog log)
        {
            using var idle = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            var response = await ReadAsync(client, expectedState, log, idle.Token).ConfigureAwait(false);
            if (response == null)
            {
                return;
            }

            lock (_listeners)
            {
                if (!received.Task.IsCompleted && _browser == null)
                {
                    _browser = client;
                    received.TrySetResult(response);
                    return;
                }
            }

            client.Dispose();
        }

        /// <summary>Answers the browser with a short page and closes the connection.</summary>
        public async Task RespondAsync(bool success, string detail)
        {
            if (_browser == null)
            {
                return;
            }

            var title = success ? LoginMessages.PageLoginComplete : LoginMessages.PageLoginFailed;
            var body = success
                ? LoginMessages.PageCloseTab
                : WebUtility.HtmlEncode(Secrets.ScrubEchoes(detail)) + LoginMessages.PageSeePowerShell;
            using (_browser)
            {
                await WriteAsync(_browser.GetStream(), success ? 200 : 400, Page(title, body)).ConfigureAwait(false);
            }

            _browser = null;
        }

        public void Dispose()
        {
            _browser?.Dispose();
            _listeners.ForEach(l => l.Stop());
        }

        private async Task<AuthorizationResponse?> ReadAsync(TcpClient client, string expectedState, KakaoLog log, CancellationToken cancellationToken)
        {
            var keep = false;
            try
            {
                var stream = client.GetStream();
                var target = await ReadRequestTargetAsync(stream, cancellationToken).ConfigureAwait(false);
                if (target == null)
                {
                    return null;
                }

                var (method, pathAndQuery, host) = target.Value;
                var question = pathAndQuery.IndexOf('?');
                var path = question < 0 ? pathAndQuery : pathAndQuery.Substring(0, question);
                if (method != "GET" || !string.Equals(path, _path, StringComparison.Ordinal))
                {
                    await WriteAsync(stream, 404, Page("404", WebUtility.HtmlEncode(LoginMessages.PageNotFound))).ConfigureAwait(false);
                    return null;
                }

                if (!IsOwnHost(host))
                {
                    // A page on another site that resolves its name to 127.0.0.1 (DNS rebinding) sends its own Host.
                    log.Verbose(LoginMessages.ListenerRefusedOtherHost);
                    await WriteAsync(stream, 400, Page("KakaoPS", WebUtility.HtmlEncode(string.Format(CultureInfo.CurrentCulture, LoginMessages.ListenerWrongHost, _redirectUri.Authority)))).ConfigureAwait(false);
                    return null;
                }

                var response = AuthorizationResponse.FromQuery(question < 0 ? string.Empty : pathAndQuery.Substring(question));
                if (response.Code == null && response.Error == null)
                {
                    log.Verbose(LoginMessages.ListenerRefusedNoCode);
                    await WriteAsync(stream, 400, Page("KakaoPS", WebUtility.HtmlEncode(LoginMessages.ListenerNoCode))).ConfigureAwait(false);
                    return null;
                }

                if (!string.Equals(response.State, expectedState, StringComparison.Ordinal))
                {
                    log.Verbose(LoginMessages.ListenerRefusedState);
                    await WriteAsync(stream, 400, Page("KakaoPS", WebUtility.HtmlEncode(LoginMessages.PageStateMismatch))).ConfigureAwait(false);
                    return null;
                }

                keep = true;
                return response;
            }
            catch (Exception e) when (e is IOException || e is OperationCanceledException || e is ObjectDisposedException)
            {
                return null;
            }
            finally
            {
                if (!keep)
                {
                    client.Dispose();
                }
            }
        }

        private static async Task<(string Method, string Target, string? Host)?> ReadRequestTargetAsync(Stream stream, CancellationToken cancellationToken)
        {
            var buffer = new byte[MaxRequestBytes];
            var length = 0;
            while (length < buffer.Length)
            {
                var read = await stream.ReadAsync(buffer, length, buffer.Length - length, cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                length += read;
                if (Encoding.ASCII.GetString(buffer, 0, length).Contains("\r\n\r\n"))
                {
                    break;
                }
            }

            var lines = Encoding.ASCII.GetString(buffer, 0, length).Split(LineBreak, StringSplitOptions.None);
            var requestLine = lines[0].Split(' ');
            var hosts = lines.Skip(1).TakeWhile(l => l.Length > 0)
                .Where(l => l.StartsWith("Host:", StringComparison.OrdinalIgnoreCase))
                .Select(l => l.Substring(5).Trim()).ToList();
            return requestLine.Length == 3 ? (requestLine[0], requestLine[1], hosts.Count == 1 ? hosts[0] : null) : ((string, string, string?)?)null;
        }

        /// <summary>The Host header names the redirect URI's host and port (80 when left out).</summary>
        private bool IsOwnHost(string? host)
        {
            if (host == null || !Uri.TryCreate("http://" + host + "/", UriKind.Absolute, out var given))
            {
                return false;
            }

            return string.Equals(given.Host, _redirectUri.Host, StringComparison.OrdinalIgnoreCase) && given.Port == _redirectUri.Port;
        }

        private static async Task WriteAsync(Stream stream, int status, string html)
        {
            var body = Encoding.UTF8.GetBytes(html);
            var reason = status == 200 ? "OK" : status == 404 ? "Not Found" : "Bad Request";
            var head = Encoding.ASCII.GetBytes(
                $"HTTP/1.1 {status} {reason}\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {body.Length}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n");
            await stream.WriteAsync(head, 0, head.Length).ConfigureAwait(false);
            await stream.WriteAsync(body, 0, body.Length).ConfigureAwait(false);
            await stream.FlushAsync().ConfigureAwait(false);
        }

        /// <summary>A result page; Korean words stay whole when a narrow screen wraps the text (word-break: keep-all).</summary>
        private static string Page(string title, string body) =>
            $"<!doctype html><html lang=\"ko\"><head><meta charset=\"utf-8\"><title>{WebUtility.HtmlEncode(title)}</title></head>"
            + $"<body style=\"font-family:sans-serif;margin:3em;word-break:keep-all\"><h1 id=\"result\">{WebUtility.HtmlEncode(title)}</h1><p>{body}</p></body></html>";

        private static bool IsLoopbackHost(string host) =>
            host == "127.0.0.1" || host == "[::1]" || host == "::1" || string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase);

        private static string Format(IPAddress address) => address.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{address}]" : address.ToString();

        private static IPAddress[] LoopbackAddresses(Uri redirectUri) =>
            string.Equals(redirectUri.Host, "localhost", StringComparison.OrdinalIgnoreCase)
                ? new[] { IPAddress.Loopback, IPAddress.IPv6Loopback }
                : new[] { redirectUri.HostNameType == UriHostNameType.IPv6 ? IPAddress.IPv6Loopback : IPAddress.Loopback };
    }
}
