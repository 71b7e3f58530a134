using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using KakaoPS.Errors;
using KakaoPS.Http;
using KakaoPS.Resources;
using KakaoPS.Models;

namespace KakaoPS.Templates
{
    /// <summary>
    /// Checks a default template against Kakao's rules before anything is sent, and writes it as
    /// the JSON Kakao expects: known fields only, in Kakao's order, numbers as numbers. A template
    /// is a JSON text or a tree of dictionaries, lists and scalars; keys may be written as Kakao
    /// writes them (web_url) or in PowerShell style (WebUrl).
    /// </summary>
    internal static class TemplateValidator
    {
        internal const string RulesUrl = "https://developers.kakao.com/docs/latest/ko/message-template/default";

        /// <summary>Returns the checked template, or throws InvalidTemplate naming every field that is wrong.</summary>
        public static KakaoTemplate Validate(object? template)
        {
            switch (template)
            {
                case KakaoTemplate ready:
                    return ready;
                case string json:
                    return Validate(ParseJson(json));
                case IDictionary root:
                    return ValidateRoot(root);
                default:
                    throw Invalid(null, new[] { string.Format(CultureInfo.CurrentCulture, TemplateMessages.NotATemplate, Describe(template)) });
            }
        }

        /// <summary>
        /// "WebUrl" and "webUrl" become "web_url"; "web_url" stays as it is: an underscore before a capital
        /// that follows a small letter or a digit, or that follows a capital and starts a word ("HTMLLink").
        /// A loop, not a Regex: it runs for every key of every template, the first send's included.
        /// </summary>
        internal static string SnakeCase(string key)
        {
            if (IsSnakeCase(key))
            {
                return key;
            }

            var text = key.Trim();
            var result = new System.Text.StringBuilder(text.Length + 4);
            for (var i = 0; i < text.Length; i++)
            {
                var c = text[i];
                if (i > 0 && IsAsciiUpper(c))
                {
                    var previous = text[i - 1];
                    if ((previous >= 'a' && previous <= 'z') || (previous >= '0' && previous <= '9')
                        || (IsAsciiUpper(previous) && i + 1 < text.Length && text[i + 1] >= 'a' && text[i + 1] <= 'z'))
                    {
                        result.Append('_');
                    }
                }

                result.Append(c);
            }

            return result.ToString().ToLowerInvariant();
        }

        private static bool IsAsciiUpper(char c) => c >= 'A' && c <= 'Z';

        /// <summary>Kakao's own spelling (web_url), which every key KakaoPS writes itself uses: nothing to change.</summary>
        private static bool IsSnakeCase(string key)
        {
            foreach (var c in key)
            {
                if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>JSON text as the same tree a hashtable gives: dictionaries, lists, strings, numbers.</summary>
        internal static object? ParseJson(string json)
        {
            try
            {
                using var document = JsonDocument.Parse(json);
                return Plain(document.RootElement);
            }
            catch (JsonException e)
            {
                throw Invalid(null, new[] { string.Format(CultureInfo.CurrentCulture, TemplateMessages.NotValidJson, e.Message) });
            }
        }

        private static KakaoTemplate ValidateRoot(IDictionary root)
        {
            using var writer = new TemplateWriter();
            var given = writer.Keys(root, string.Empty);
            given.TryGetValue("object_type", out var typeValue);
            var type = (typeValue as string ?? Convert.ToString(typeValue, CultureInfo.InvariantCulture))?.Trim().ToLowerInvariant();
            if (string.IsNullOrEmpty(type))
            {
                throw Invalid(null, new[] { string.Format(CultureInfo.CurrentCulture, TemplateMessages.ObjectTypeRequired, string.Join(", ", TemplateSchema.Types.Keys)) });
            }

            if (!TemplateSchema.Types.TryGetValue(type!, out var fields))
            {
                var known = string.Join(", ", TemplateSchema.Types.Keys);
                var why = type == "calendar" ? string.Format(CultureInfo.CurrentCulture, TemplateMessages.CalendarNotTaken, known) : string.Format(CultureInfo.CurrentCulture, TemplateMessages.ObjectTypeNotTaken, type, known);
                throw Invalid(null, new[] { why });
            }

            if (TemplateSchema.ButtonsConflict(given))
            {
                throw new KakaoException("ButtonConflict", KakaoErrorKind.InvalidArgument,
                    TemplateMessages.ButtonConflict,
                    TemplateMessages.ButtonConflictAction);
            }

            var json = writer.Write(given, fields, type!);
            if (writer.Errors.Count > 0)
            {
                throw Invalid(type, writer.Errors);
            }

            return new KakaoTemplate(type!, json);
        }

        /// <summary>
        /// A text template with a link and no buttons, the one every -Text memo sends, written as
        /// <see cref="Validate"/> writes it without building and walking a dictionary first. Null when the
        /// template needs the full check: empty or too long text, or a link that is not an http(s) URL.
        /// </summary>
        internal static KakaoTemplate? PlainText(string? text, string? webUrl, string? mobileWebUrl)
        {
            if (string.IsNullOrWhiteSpace(text) || text!.Length > TemplateSchema.MaxTextLength || !HttpUrl.IsValid(webUrl) || !HttpUrl.IsValid(mobileWebUrl))
            {
                return null;
            }

            using var buffer = new System.IO.MemoryStream();
            using (var json = new Utf8JsonWriter(buffer, KakaoJson.WriterOptions))
            {
                json.WriteStartObject();
                json.WriteString("object_type", "text");
                json.WriteString("text", text);
                json.WriteStartObject("link");
                json.WriteString("web_url", webUrl);
                json.WriteString("mobile_web_url", mobileWebUrl);
                json.WriteEndObject();
                json.WriteEndObject();
            }

            return new KakaoTemplate("text", System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
        }

        private static KakaoException Invalid(string? type, IReadOnlyCollection<string> errors) =>
            new KakaoException("InvalidTemplate", KakaoErrorKind.InvalidArgument,
                type == null
                    ? string.Format(CultureInfo.CurrentCulture, TemplateMessages.TemplateInvalidNoType, string.Join("; ", errors))
                    : string.Format(CultureInfo.CurrentCulture, TemplateMessages.TemplateInvalid, type, string.Join("; ", errors)),
                string.Format(CultureInfo.CurrentCulture, TemplateMessages.TemplateInvalidAction, RulesUrl));

        /// <summary>A value's kind in the user's terms, for error messages.</summary>
        internal static string Describe(object? value) => value switch
        {
            null => TemplateMessages.DescribeNothing,
            string text => string.Format(CultureInfo.CurrentCulture, TemplateMessages.DescribeText, text),
            bool flag => $"${flag.ToString().ToLowerInvariant()}",
            IDictionary _ => TemplateMessages.DescribeObject,
            IEnumerable _ => TemplateMessages.DescribeList,
            IFormattable number when !(value is Enum) => string.Format(CultureInfo.CurrentCulture, TemplateMessages.DescribeNumber, number.ToString(null, CultureInfo.InvariantCulture)),
            _ => string.Format(CultureInfo.CurrentCulture, TemplateMessages.DescribeOther, value.GetType().Name),
        };

        private static object? Plain(JsonElement element)
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.Object:
                    var map = new Dictionary<string, object?>();
                    foreach (var property in element.EnumerateObject())
                    {
                        map[property.Name] = Plain(property.Value);
                    }

                    return map;
                case JsonValueKind.Array:
                    return element.EnumerateArray().Select(Plain).ToList();
                case JsonValueKind.String:
                    return element.GetString();
                case JsonValueKind.Number:
                    return element.TryGetInt64(out var whole) ? whole : (object)element.GetDouble();
                case JsonValueKind.True:
                case JsonValueKind.False:
                    return element.GetBoolean();
                default:
                    return null;
            }
        }
    }
}
