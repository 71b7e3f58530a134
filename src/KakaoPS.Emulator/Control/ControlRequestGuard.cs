using System.Net;

namespace KakaoPS.Emulator.Control;

/// <summary>
/// Keeps web pages away from the control API. A page in the user's browser can send a simple POST
/// (text/plain, a form, or no body) to any address, and a DNS-rebinding page can read answers from the
/// emulator's port under its own host name. So control requests must name the address the emulator is
/// bound to in their Host header, and a POST or PUT must carry JSON, which a page cannot send elsewhere
/// without CORS's consent.
/// </summary>
public sealed class ControlRequestGuard(RequestDelegate next, State.EmulatorState state)
{
    private readonly HashSet<string> _boundHosts = BoundHosts(state.Options.Urls);

    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (!request.Path.StartsWithSegments("/_emulator"))
        {
            await next(context);
            return;
        }

        if (!IsBoundAddress(context))
        {
            await Refuse(context, StatusCodes.Status400BadRequest,
                "The Host header does not name the address this emulator listens on; the control API answers only requests made to that address.");
            return;
        }

        if ((HttpMethods.IsPost(request.Method) || HttpMethods.IsPut(request.Method)) && !IsJson(request.ContentType))
        {
            await Refuse(context, StatusCodes.Status415UnsupportedMediaType,
                "Control requests that change the emulator must send a JSON body with Content-Type: application/json (e.g. '{}').");
            return;
        }

        await next(context);
    }

    /// <summary>The Host header's port is the one the connection came in on, and its name is that address, a name in --urls, or localhost on loopback.</summary>
    private bool IsBoundAddress(HttpContext context)
    {
        var host = context.Request.Host;
        var local = context.Connection.LocalIpAddress;
        if (!host.HasValue || host.Port is not int port || port != context.Connection.LocalPort)
            return false;

        var name = host.Host.Trim('[', ']');
        if (IPAddress.TryParse(name, out var address))
            return local is not null && Normalize(address).Equals(Normalize(local));
        return _boundHosts.Contains(name)
            || (string.Equals(name, "localhost", StringComparison.OrdinalIgnoreCase) && local is not null && IPAddress.IsLoopback(Normalize(local)));
    }

    private static IPAddress Normalize(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;

    private static bool IsJson(string? contentType) =>
        contentType is not null
        && Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(contentType, out var media)
        && (media.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || media.Suffix.Equals("json", StringComparison.OrdinalIgnoreCase));

    /// <summary>Host names (not addresses or wildcards) given in --urls, e.g. http://emulator:8300.</summary>
    private static HashSet<string> BoundHosts(string urls) =>
        urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(url => Uri.TryCreate(url.Replace("://*", "://wildcard").Replace("://+", "://wildcard"), UriKind.Absolute, out var uri) ? uri.Host : null)
            .Where(host => host is not null && host != "wildcard" && !IPAddress.TryParse(host.Trim('[', ']'), out _))
            .Select(host => host!)
            .ToHashSet(StringComparer.OrdinalIgnoreCase);

    private static Task Refuse(HttpContext context, int status, string error)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(new { error });
    }
}
