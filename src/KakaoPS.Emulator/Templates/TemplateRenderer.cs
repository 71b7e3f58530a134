using System.Text.Json;
using System.Text.Json.Nodes;

namespace KakaoPS.Emulator.Templates;

/// <summary>Console templates: parses <c>template_args</c> and fills <c>${key}</c> placeholders.</summary>
public static class TemplateRenderer
{
    /// <summary>template_args must be a JSON object whose values are all strings.</summary>
    public static (Dictionary<string, string>? Args, string? Error) ParseArgs(string? raw)
    {
        if (string.IsNullOrEmpty(raw)) return (new Dictionary<string, string>(), null);
        try
        {
            using var document = JsonDocument.Parse(raw);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                return (null, "template_args must be a JSON object.");
            var args = new Dictionary<string, string>();
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (property.Value.ValueKind != JsonValueKind.String)
                    return (null, $"template_args.{property.Name} must be a string.");
                args[property.Name] = property.Value.GetString()!;
            }
            return (args, null);
        }
        catch (JsonException)
        {
            return (null, "template_args is not valid JSON.");
        }
    }

    public static JsonElement Fill(JsonElement template, IReadOnlyDictionary<string, string> args)
    {
        var node = JsonNode.Parse(template.GetRawText());
        var filled = Replace(node, args);
        return JsonSerializer.SerializeToElement(filled);
    }

    private static JsonNode? Replace(JsonNode? node, IReadOnlyDictionary<string, string> args)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var key in obj.Select(p => p.Key).ToList())
                    obj[key] = Replace(obj[key]?.DeepClone(), args);
                return obj;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                    array[i] = Replace(array[i]?.DeepClone(), args);
                return array;
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                var text = value.GetValue<string>();
                foreach (var (key, replacement) in args)
                    text = text.Replace("${" + key + "}", replacement, StringComparison.Ordinal);
                return JsonValue.Create(text);
            default:
                return node;
        }
    }
}
