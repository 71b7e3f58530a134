using System.Text.Json;

namespace KakaoPS.Emulator.Templates;

/// <summary>
/// Checks a default-template object (kakao-api.md §5) and returns the -2 message for the first problem, or null.
/// Where Kakao's server behaviour is unconfirmed the stricter rule applies (see docs/emulator.md).
/// </summary>
public static class TemplateValidator
{
    /// <summary>Counted in UTF-16 code units, as a JVM server's String.length() would (an emoji counts 2).</summary>
    public const int MaxTextLength = 200;
    public const int MaxButtons = 2;
    public const int MaxItemContentItems = 5;

    private static readonly string[] LinkFields = ["web_url", "mobile_web_url", "android_execution_params", "ios_execution_params"];

    public static string? Validate(JsonElement template)
    {
        if (template.ValueKind != JsonValueKind.Object) return "template_object must be a JSON object.";
        if (!template.TryGetProperty("object_type", out var type) || type.ValueKind != JsonValueKind.String)
            return "template_object.object_type is required.";

        var error = type.GetString() switch
        {
            "text" => ValidateText(template),
            "feed" => ValidateFeed(template),
            "list" => ValidateList(template),
            "location" => ValidateLocation(template),
            "commerce" => ValidateCommerce(template),
            var other => $"object_type [{other}] is not supported by the memo API. use one of feed, list, location, commerce, text.",
        };
        return error ?? ValidateButtons(template);
    }

    private static string? ValidateText(JsonElement t)
    {
        var error = RequiredString(t, "text", "text");
        if (error is not null) return error;
        var length = t.GetProperty("text").GetString()!.Length;
        if (length > MaxTextLength) return $"text exceeds {MaxTextLength} characters (got {length}).";
        return Link(t, "link", required: true);
    }

    private static string? ValidateFeed(JsonElement t) =>
        Content(t, "content", required: true) ?? ItemContent(t);

    private static string? ValidateList(JsonElement t)
    {
        var error = RequiredString(t, "header_title", "header_title") ?? Link(t, "header_link", required: true);
        if (error is not null) return error;
        if (t.GetProperty("header_title").GetString()!.Length > MaxTextLength)
            return $"header_title exceeds {MaxTextLength} characters.";
        if (!t.TryGetProperty("contents", out var contents) || contents.ValueKind != JsonValueKind.Array)
            return "contents is required.";
        if (contents.GetArrayLength() is < 2 or > 3) return "contents must have 2 or 3 items.";
        var index = 0;
        foreach (var content in contents.EnumerateArray())
            if (ContentObject(content, $"contents[{index++}]") is { } contentError) return contentError;
        return null;
    }

    private static string? ValidateLocation(JsonElement t) =>
        RequiredString(t, "address", "address") ?? Content(t, "content", required: true);

    private static string? ValidateCommerce(JsonElement t)
    {
        var error = Content(t, "content", required: true);
        if (error is not null) return error;
        if (!t.TryGetProperty("commerce", out var commerce) || commerce.ValueKind != JsonValueKind.Object)
            return "commerce is required.";
        if (!commerce.TryGetProperty("regular_price", out var price) || !IsInteger(price))
            return "commerce.regular_price is required and must be an integer.";
        return null;
    }

    private static string? ValidateButtons(JsonElement t)
    {
        if (t.TryGetProperty("button_title", out var title) && title.ValueKind != JsonValueKind.String)
            return "button_title must be a string.";
        if (!t.TryGetProperty("buttons", out var buttons)) return null;
        if (buttons.ValueKind != JsonValueKind.Array) return "buttons must be an array.";
        if (buttons.GetArrayLength() > MaxButtons) return $"buttons can have at most {MaxButtons} items.";
        var index = 0;
        foreach (var button in buttons.EnumerateArray())
        {
            var name = $"buttons[{index++}]";
            if (button.ValueKind != JsonValueKind.Object) return $"{name} must be an object.";
            var error = RequiredString(button, "title", $"{name}.title") ?? Link(button, "link", required: true, name);
            if (error is not null) return error;
        }
        return null;
    }

    private static string? ItemContent(JsonElement t)
    {
        if (!t.TryGetProperty("item_content", out var itemContent)) return null;
        if (itemContent.ValueKind != JsonValueKind.Object) return "item_content must be an object.";
        if (itemContent.TryGetProperty("items", out var items) &&
            (items.ValueKind != JsonValueKind.Array || items.GetArrayLength() > MaxItemContentItems))
            return $"item_content.items must be an array of at most {MaxItemContentItems} items.";
        return null;
    }

    private static string? Content(JsonElement parent, string property, bool required)
    {
        if (!parent.TryGetProperty(property, out var content)) return required ? $"{property} is required." : null;
        return ContentObject(content, property);
    }

    private static string? ContentObject(JsonElement content, string name)
    {
        if (content.ValueKind != JsonValueKind.Object) return $"{name} must be an object.";
        foreach (var field in new[] { "title", "description", "image_url" })
            if (content.TryGetProperty(field, out var value) && value.ValueKind != JsonValueKind.String)
                return $"{name}.{field} must be a string.";
        foreach (var field in new[] { "image_width", "image_height" })
            if (content.TryGetProperty(field, out var value) && !IsInteger(value))
                return $"{name}.{field} must be an integer.";
        return Link(content, "link", required: true, name);
    }

    /// <summary>A link needs at least one of its four fields, each a string.</summary>
    private static string? Link(JsonElement parent, string property, bool required, string? owner = null)
    {
        var name = owner is null ? property : $"{owner}.{property}";
        if (!parent.TryGetProperty(property, out var link)) return required ? $"{name} is required." : null;
        if (link.ValueKind != JsonValueKind.Object) return $"{name} must be an object.";
        var present = 0;
        foreach (var field in LinkFields)
        {
            if (!link.TryGetProperty(field, out var value)) continue;
            if (value.ValueKind != JsonValueKind.String) return $"{name}.{field} must be a string.";
            if (value.GetString()!.Length > 0) present++;
        }
        return present == 0 ? $"{name} needs at least one of {string.Join(", ", LinkFields)}." : null;
    }

    /// <summary>TryGetInt64 throws on non-numbers, so the kind is checked first.</summary>
    private static bool IsInteger(JsonElement value) => value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out _);

    private static string? RequiredString(JsonElement parent, string property, string name) =>
        parent.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String
            ? null
            : $"{name} is required and must be a string.";
}
