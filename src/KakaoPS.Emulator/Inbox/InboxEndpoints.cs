namespace KakaoPS.Emulator.Inbox;

/// <summary>Serves the web inbox (plain HTML/CSS/JS embedded in the assembly) at <c>/</c>.</summary>
public static class InboxEndpoints
{
    private static readonly Dictionary<string, (string Resource, string ContentType)> Assets = new()
    {
        ["/"] = ("Inbox/index.html", "text/html; charset=utf-8"),
        ["/inbox.css"] = ("Inbox/inbox.css", "text/css; charset=utf-8"),
        ["/inbox.js"] = ("Inbox/inbox.js", "text/javascript; charset=utf-8"),
    };

    public static void Map(IEndpointRouteBuilder routes)
    {
        foreach (var (path, (resource, contentType)) in Assets)
            routes.MapGet(path, () =>
            {
                var stream = typeof(InboxEndpoints).Assembly.GetManifestResourceStream(resource)
                    ?? throw new InvalidOperationException($"Missing embedded resource {resource}");
                return Results.Stream(stream, contentType);
            });
    }
}
