using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using KakaoPS.Resources;

namespace KakaoPS.Memo
{
    /// <summary>
    /// A message told in words for -WhatIf and -Confirm, in the UI culture's language: its kind, what
    /// the phone shows first (text, title, header), then its link and buttons. The JSON that is sent is
    /// the template's own (KakaoTemplate.Json); a person deciding whether to send wants to read the message.
    /// </summary>
    internal static class MemoDescription
    {
        /// <summary>A checked default template (text, feed, list, location or commerce).</summary>
        public static string Of(string objectType, string templateJson)
        {
            using var document = JsonDocument.Parse(templateJson);
            var root = document.RootElement;
            var content = Child(root, "content");
            var parts = new List<string>();
            switch (objectType)
            {
                case "text":
                    parts.Add(Headline(MemoMessages.KindText, Text(root, "text")));
                    break;
                case "list":
                    var titles = Child(root, "contents") is JsonElement items && items.ValueKind == JsonValueKind.Array
                        ? items.EnumerateArray().Select(item => Text(item, "title") ?? string.Empty).ToList()
                        : new List<string>();
                    parts.Add(Headline(MemoMessages.KindList, Text(root, "header_title")));
                    parts.Add(string.Format(CultureInfo.CurrentCulture, MemoMessages.DescribeListItems, titles.Count, string.Join(", ", titles)));
                    break;
                case "location":
                    parts.Add(Headline(MemoMessages.KindLocation, Headline(content)));
                    parts.Add(string.Format(CultureInfo.CurrentCulture, MemoMessages.DescribeAddress, Text(root, "address")));
                    break;
                case "commerce":
                    parts.Add(Headline(MemoMessages.KindCommerce, Headline(content)));
                    if (Child(root, "commerce") is JsonElement commerce && Child(commerce, "regular_price") is JsonElement price)
                    {
                        var discounted = Child(commerce, "discount_price");
                        parts.Add(string.Format(CultureInfo.CurrentCulture, MemoMessages.DescribePrice, Price(discounted ?? price), Text(commerce, "currency_unit") ?? "원"));
                    }

                    break;
                default:
                    parts.Add(Headline(MemoMessages.KindFeed, Headline(content)));
                    break;
            }

            var link = Child(root, "link") ?? Child(root, "header_link") ?? (content is JsonElement c ? Child(c, "link") : null);
            if (link is JsonElement l && (Text(l, "web_url") ?? Text(l, "mobile_web_url")) is string url)
            {
                parts.Add(string.Format(CultureInfo.CurrentCulture, MemoMessages.DescribeLink, url));
            }

            if (Child(root, "buttons") is JsonElement buttons && buttons.ValueKind == JsonValueKind.Array && buttons.GetArrayLength() > 0)
            {
                parts.Add(string.Format(CultureInfo.CurrentCulture, MemoMessages.DescribeButtons,
                    string.Join(", ", buttons.EnumerateArray().Select(Button))));
            }
            else if (Text(root, "button_title") is string buttonTitle)
            {
                parts.Add(string.Format(CultureInfo.CurrentCulture, MemoMessages.DescribeButtons, buttonTitle));
            }

            return string.Join(MemoMessages.DescribeSeparator, parts);
        }

        /// <summary>What a template shows first: its text, header or content title (else description), on one line.</summary>
        public static string? Summary(string templateJson)
        {
            using var document = JsonDocument.Parse(templateJson);
            var root = document.RootElement;
            var first = Text(root, "text") ?? Text(root, "header_title") ?? Headline(Child(root, "content"));
            return first == null ? null : OneLine(first);
        }

        /// <summary>A template built in Kakao's console, with its ${key} arguments.</summary>
        public static string OfCustom(long templateId, string? argumentsJson) =>
            WithArguments(string.Format(CultureInfo.CurrentCulture, MemoMessages.DescribeCustom, Id(templateId)), argumentsJson);

        /// <summary>A page Kakao scrapes, optionally into a console template.</summary>
        public static string OfScrap(string requestUrl, long? templateId, string? argumentsJson) =>
            WithArguments(templateId == null
                ? string.Format(CultureInfo.CurrentCulture, MemoMessages.DescribeScrap, requestUrl)
                : string.Format(CultureInfo.CurrentCulture, MemoMessages.DescribeScrapTemplate, requestUrl, Id(templateId.Value)), argumentsJson);

        private static string WithArguments(string description, string? argumentsJson)
        {
            if (argumentsJson == null)
            {
                return description;
            }

            using var document = JsonDocument.Parse(argumentsJson);
            var pairs = document.RootElement.EnumerateObject().Select(p => p.Name + "=" + p.Value.GetString());
            return description + MemoMessages.DescribeSeparator + string.Format(CultureInfo.CurrentCulture, MemoMessages.DescribeArguments, string.Join(", ", pairs));
        }

        /// <summary>The kind and the first thing shown, on one line: a line break is shown as ↵, so that the prompt stays one line.</summary>
        private static string Headline(string kind, string? headline) =>
            headline == null ? kind : string.Format(CultureInfo.CurrentCulture, MemoMessages.DescribeHeadline, kind, OneLine(headline));

        private static string OneLine(string text) => text.Replace("\r\n", "\n").Replace("\n", " ↵ ");

        /// <summary>What a content shows first: its title, else its description.</summary>
        private static string? Headline(JsonElement? content) =>
            content is JsonElement c ? Text(c, "title") ?? Text(c, "description") : null;

        private static string Button(JsonElement button)
        {
            var title = Text(button, "title") ?? string.Empty;
            return Child(button, "link") is JsonElement link && (Text(link, "web_url") ?? Text(link, "mobile_web_url")) is string url
                ? string.Format(CultureInfo.CurrentCulture, MemoMessages.DescribeButton, title, url)
                : title;
        }

        private static string Price(JsonElement price) =>
            price.TryGetInt64(out var amount) ? amount.ToString("N0", CultureInfo.CurrentCulture) : price.GetRawText();

        private static JsonElement? Child(JsonElement element, string name) =>
            element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var child) && child.ValueKind != JsonValueKind.Null ? child : (JsonElement?)null;

        private static string? Text(JsonElement element, string name) =>
            Child(element, name) is JsonElement value && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

        private static string Id(long templateId) => templateId.ToString(CultureInfo.InvariantCulture);
    }
}
