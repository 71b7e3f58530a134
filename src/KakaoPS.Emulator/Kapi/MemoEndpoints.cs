using System.Text.Json;
using KakaoPS.Emulator.Http;
using KakaoPS.Emulator.State;
using KakaoPS.Emulator.Templates;

namespace KakaoPS.Emulator.Kapi;

/// <summary>The three "send to me" endpoints (kakao-api.md §4): default template, console template, scrap.</summary>
public static class MemoEndpoints
{
    private const string DefaultPath = "/v2/api/talk/memo/default/send";
    private const string CustomPath = "/v2/api/talk/memo/send";
    private const string ScrapPath = "/v2/api/talk/memo/scrap/send";

    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapPost(DefaultPath, (HttpContext c, EmulatorState s) => SendAsync(c, s, DefaultPath, "TALK_MEMO_DEFAULT_SEND", ParseDefault));
        // api_type names of the next two are UNCONFIRMED (kakao-api.md §8.1); chosen by analogy.
        routes.MapPost(CustomPath, (HttpContext c, EmulatorState s) => SendAsync(c, s, CustomPath, "TALK_MEMO_SEND", ParseCustom));
        routes.MapPost(ScrapPath, (HttpContext c, EmulatorState s) => SendAsync(c, s, ScrapPath, "TALK_MEMO_SCRAP_SEND", ParseScrap));
    }

    /// <summary>What a send asked for, ready to record; or the -2 message explaining why it is invalid.</summary>
    private sealed record ParsedMemo(JsonElement Rendered, string? TemplateObject = null, long? TemplateId = null,
        string? TemplateArgs = null, string? RequestUrl = null);

    private static async Task<IResult> SendAsync(HttpContext context, EmulatorState state, string path, string apiType,
        Func<IFormCollection, EmulatorApp, (ParsedMemo? Memo, string? Error)> parse)
    {
        var (caller, authError) = BearerAuth.Authenticate(context.Request, state);
        if (caller is null) return authError!;
        var app = caller.App;

        if (!app.TalkMessageEnabled)
            return KapiErrors.AppDisabledScope(app.Name, ConsentItem.TalkMessage, apiType);
        var agreed = state.Consents.Agreed(app.RestApiKey, caller.UserId);
        if (!agreed.Contains(ConsentItem.TalkMessage))
            return KapiErrors.InsufficientScopes(apiType, [ConsentItem.TalkMessage],
                app.ConsentItems.Select(i => i.Id).Where(agreed.Contains));

        if (!state.Users.Get(caller.UserId).KakaoTalkUser)
            return KapiErrors.NotKakaoTalkUser();

        var form = await context.Request.ReadFormOrEmptyAsync();
        if (form is null) return KapiErrors.InvalidParameter(FormExtensions.UnreadableForm);
        var (memo, error) = parse(form, app);
        if (memo is null) return KapiErrors.InvalidParameter(error!);

        var recorded = state.Messages.TryRecord(app, path, caller.UserId, memo.TemplateObject, memo.TemplateId,
            memo.TemplateArgs, memo.RequestUrl, memo.Rendered);
        return recorded is null
            ? KapiErrors.QuotaExceeded()
            : new KakaoJsonResult(StatusCodes.Status200OK, new { result_code = 0 });
    }

    private static (ParsedMemo?, string?) ParseDefault(IFormCollection form, EmulatorApp app)
    {
        var raw = form.Value("template_object");
        if (string.IsNullOrEmpty(raw)) return (null, "template_object is required.");
        JsonElement template;
        try
        {
            using var document = JsonDocument.Parse(raw);
            template = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return (null, "template_object is not valid JSON.");
        }
        var error = TemplateValidator.Validate(template);
        return error is null ? (new ParsedMemo(template, TemplateObject: raw), null) : (null, error);
    }

    private static (ParsedMemo?, string?) ParseCustom(IFormCollection form, EmulatorApp app)
    {
        var rawId = form.Value("template_id");
        if (string.IsNullOrEmpty(rawId)) return (null, "template_id is required.");
        return ParseTemplate(form, app, rawId, requestUrl: null);
    }

    private static (ParsedMemo?, string?) ParseScrap(IFormCollection form, EmulatorApp app)
    {
        var requestUrl = form.Value("request_url");
        if (string.IsNullOrEmpty(requestUrl)) return (null, "request_url is required.");
        if (!Uri.TryCreate(requestUrl, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
            return (null, "request_url must be an absolute http(s) URL.");
        if (!app.WebDomains.Any(domain => WebDomainMatches(domain, url)))
            return (null, $"request_url domain is not registered as a web domain of the app: {url.GetLeftPart(UriPartial.Authority)}");

        var rawId = form.Value("template_id");
        if (!string.IsNullOrEmpty(rawId)) return ParseTemplate(form, app, rawId, requestUrl);

        var rawArgs = form.Value("template_args");
        if (TemplateRenderer.ParseArgs(rawArgs).Error is { } argsError) return (null, argsError);
        // Scraping is not emulated (no network): the inbox shows the page's address as a feed card.
        var rendered = JsonSerializer.SerializeToElement(new
        {
            object_type = "feed",
            content = new { title = url.Host, description = requestUrl, link = new { web_url = requestUrl } },
        });
        return (new ParsedMemo(rendered, TemplateArgs: rawArgs, RequestUrl: requestUrl), null);
    }

    private static (ParsedMemo?, string?) ParseTemplate(IFormCollection form, EmulatorApp app, string rawId, string? requestUrl)
    {
        if (!long.TryParse(rawId, out var templateId)) return (null, "template_id must be a number.");
        if (!app.Templates.TryGetValue(templateId, out var template))
            return (null, $"template not found. template_id={templateId}");
        var rawArgs = form.Value("template_args");
        var (args, error) = TemplateRenderer.ParseArgs(rawArgs);
        if (args is null) return (null, error);
        return (new ParsedMemo(TemplateRenderer.Fill(template, args), TemplateId: templateId, TemplateArgs: rawArgs,
            RequestUrl: requestUrl), null);
    }

    /// <summary>Scheme and host must match; the port too when the registered domain names one.</summary>
    private static bool WebDomainMatches(string domain, Uri url)
    {
        if (!Uri.TryCreate(domain, UriKind.Absolute, out var registered)) return false;
        var portNamed = !registered.IsDefaultPort || domain.Contains($":{registered.Port}");
        return registered.Scheme == url.Scheme &&
               string.Equals(registered.Host, url.Host, StringComparison.OrdinalIgnoreCase) &&
               (!portNamed || registered.Port == url.Port);
    }
}
