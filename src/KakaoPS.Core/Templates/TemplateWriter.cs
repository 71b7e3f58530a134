using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using KakaoPS.Resources;
using KakaoPS.Http;
using KakaoPS.Models;

namespace KakaoPS.Templates
{
    /// <summary>
    /// Writes a template as Kakao expects it (known fields only, in the schema's order) while
    /// collecting every problem, each named by its path (content.link.web_url, buttons[1].title).
    /// </summary>
    internal sealed class TemplateWriter : IDisposable
    {
        private readonly MemoryStream _buffer = new MemoryStream();
        private readonly Utf8JsonWriter _json;

        public TemplateWriter()
        {
            _json = new Utf8JsonWriter(_buffer, KakaoJson.WriterOptions);
        }

        public List<string> Errors { get; } = new List<string>();

        public void Dispose()
        {
            _json.Dispose();
            _buffer.Dispose();
        }

        public string Write(Dictionary<string, object?> root, TemplateField[] fields, string type)
        {
            _json.WriteStartObject();
            _json.WriteString("object_type", type);
            WriteFields(root, fields, string.Empty, allowed: "object_type");
            _json.WriteEndObject();
            _json.Flush();
            return Encoding.UTF8.GetString(_buffer.GetBuffer(), 0, (int)_buffer.Length);
        }

        /// <summary>The dictionary with its keys in Kakao's spelling.</summary>
        public Dictionary<string, object?> Keys(IDictionary value, string path)
        {
            var keys = new Dictionary<string, object?>(StringComparer.Ordinal);
            foreach (DictionaryEntry entry in value)
            {
                var key = TemplateValidator.SnakeCase(Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? string.Empty);
                if (keys.ContainsKey(key))
                {
                    Errors.Add(string.Format(CultureInfo.CurrentCulture, TemplateMessages.FieldGivenTwice, Join(path, key)));
                }

                keys[key] = entry.Value;
            }

            return keys;
        }

        private int WriteFields(Dictionary<string, object?> given, TemplateField[] fields, string path, string? allowed = null)
        {
            foreach (var key in given.Keys.Where(k => k != allowed && fields.All(f => f.Name != k)))
            {
                Errors.Add(string.Format(CultureInfo.CurrentCulture, TemplateMessages.FieldUnknown, Join(path, key), string.Join(", ", fields.Select(f => f.Name))));
            }

            var written = 0;
            foreach (var field in fields)
            {
                var name = Join(path, field.Name);
                if (!given.TryGetValue(field.Name, out var value) || value == null)
                {
                    if (field.Required)
                    {
                        Errors.Add(string.Format(CultureInfo.CurrentCulture, TemplateMessages.FieldRequired, name));
                    }

                    continue;
                }

                if (WriteField(field, value, name))
                {
                    written++;
                }
            }

            return written;
        }

        private bool WriteField(TemplateField field, object value, string name)
        {
            switch (field.Kind)
            {
                case FieldKind.Text:
                    return WriteText(field, value, name);
                case FieldKind.Url:
                    return WriteUrl(field, value, name);
                case FieldKind.ExecutionParams:
                    return WriteExecutionParams(field, value, name);
                case FieldKind.Integer:
                    return WriteInteger(field, value, name);
                case FieldKind.Object:
                    return WriteObject(field, value, name);
                default:
                    return WriteArray(field, value, name);
            }
        }

        private bool WriteText(TemplateField field, object value, string name)
        {
            var text = Scalar(value);
            if (text == null)
            {
                Errors.Add(string.Format(CultureInfo.CurrentCulture, TemplateMessages.FieldMustBeText, name, TemplateValidator.Describe(value)));
                return false;
            }

            if (field.Required && string.IsNullOrWhiteSpace(text))
            {
                Errors.Add(string.Format(CultureInfo.CurrentCulture, TemplateMessages.FieldRequiredNotEmpty, name));
                return false;
            }

            // Counted in UTF-16 units, as Kakao's servers count (an emoji counts two).
            if (field.MaxLength > 0 && text.Length > field.MaxLength)
            {
                Errors.Add(string.Format(CultureInfo.CurrentCulture, TemplateMessages.FieldTooLong, name, text.Length, field.MaxLength));
                return false;
            }

            _json.WriteString(field.Name, text);
            return text.Length > 0;
        }

        private bool WriteUrl(TemplateField field, object value, string name)
        {
            var url = Scalar(value);
            if (string.IsNullOrEmpty(url))
            {
                return false;
            }

            if (!HttpUrl.IsValid(url))
            {
                Errors.Add(string.Format(CultureInfo.CurrentCulture, TemplateMessages.FieldNotUrl, name, url));
                return false;
            }

            _json.WriteString(field.Name, url);
            return true;
        }

        /// <summary>Kakao takes "key=value&amp;…"; a dictionary is joined that way, as Kakao's SDK does.</summary>
        private bool WriteExecutionParams(TemplateField field, object value, string name)
        {
            var text = value is IDictionary map
                ? string.Join("&", map.Cast<DictionaryEntry>().Select(e =>
                    Uri.EscapeDataString(Convert.ToString(e.Key, CultureInfo.InvariantCulture) ?? string.Empty) + "=" +
                    Uri.EscapeDataString(Scalar(e.Value) ?? string.Empty)))
                : Scalar(value);
            if (text == null)
            {
                Errors.Add(string.Format(CultureInfo.CurrentCulture, TemplateMessages.FieldMustBeParams, name, TemplateValidator.Describe(value)));
                return false;
            }

            _json.WriteString(field.Name, text);
            return text.Length > 0;
        }

        private bool WriteInteger(TemplateField field, object value, string name)
        {
            var number = Integer(value);
            if (number == null)
            {
                Errors.Add(string.Format(CultureInfo.CurrentCulture, TemplateMessages.FieldMustBeWholeNumber, name, TemplateValidator.Describe(value)));
                return false;
            }

            if (number < field.MinValue || number > field.MaxValue)
            {
                Errors.Add(field.MaxValue == long.MaxValue
                    ? string.Format(CultureInfo.CurrentCulture, TemplateMessages.FieldAtLeast, name, field.MinValue, number)
                    : string.Format(CultureInfo.CurrentCulture, TemplateMessages.FieldInRange, name, field.MinValue, field.MaxValue, number));
                return false;
            }

            _json.WriteNumber(field.Name, number.Value);
            return true;
        }

        private bool WriteObject(TemplateField field, object value, string name, bool named = true)
        {
            var map = Dictionary(value);
            if (map == null)
            {
                Errors.Add(string.Format(CultureInfo.CurrentCulture, TemplateMessages.FieldMustBeObject, name, TemplateValidator.Describe(value)));
                return false;
            }

            var errorsBefore = Errors.Count;
            if (named)
            {
                _json.WritePropertyName(field.Name);
            }

            _json.WriteStartObject();
            var written = WriteFields(Keys(map, name), field.Fields, name);
            _json.WriteEndObject();
            if (field.NeedsOneField && written == 0 && Errors.Count == errorsBefore)
            {
                Errors.Add(string.Format(CultureInfo.CurrentCulture, TemplateMessages.FieldNeedsOneOf, name, string.Join(", ", field.Fields.Select(f => f.Name))));
            }

            return true;
        }

        private bool WriteArray(TemplateField field, object value, string name)
        {
            // One hashtable where a list is expected is a list of one.
            var items = value is IDictionary || Dictionary(value) != null ? new List<object?> { value }
                : value is IEnumerable list && !(value is string) ? list.Cast<object?>().ToList()
                : null;
            if (items == null)
            {
                Errors.Add(string.Format(CultureInfo.CurrentCulture, TemplateMessages.FieldMustBeList, name, TemplateValidator.Describe(value)));
                return false;
            }

            if (items.Count < field.MinItems || (field.MaxItems > 0 && items.Count > field.MaxItems))
            {
                Errors.Add(field.MinItems == 0
                    ? string.Format(CultureInfo.CurrentCulture, TemplateMessages.ItemsAtMost, name, items.Count, field.MaxItems)
                    : string.Format(CultureInfo.CurrentCulture, TemplateMessages.ItemsRange, name, items.Count, field.MinItems, field.MaxItems));
            }

            _json.WriteStartArray(field.Name);
            for (var i = 0; i < items.Count; i++)
            {
                var item = items[i];
                if (item == null)
                {
                    Errors.Add(string.Format(CultureInfo.CurrentCulture, TemplateMessages.ItemEmpty, name, i));
                    continue;
                }

                WriteObject(new TemplateField(field.Name, FieldKind.Object, fields: field.Fields, needsOneField: field.NeedsOneField), item, $"{name}[{i}]", named: false);
            }

            _json.WriteEndArray();
            return items.Count > 0;
        }

        /// <summary>Dictionaries as they are; the module's own button and content types as Kakao's fields.</summary>
        private static IDictionary? Dictionary(object value) => value switch
        {
            IDictionary map => map,
            KakaoButton button => TemplateParts.Button(button, fallbackUrl: null),
            KakaoContent content => TemplateParts.Content(content, fallbackUrl: null),
            _ => null,
        };

        private static string? Scalar(object? value) => value switch
        {
            string text => text,
            char c => c.ToString(),
            bool _ => null,
            IFormattable formattable when !(value is Enum) => formattable.ToString(null, CultureInfo.InvariantCulture),
            Enum e => e.ToString(),
            _ => null,
        };

        private static long? Integer(object value)
        {
            switch (value)
            {
                case byte _:
                case sbyte _:
                case short _:
                case ushort _:
                case int _:
                case uint _:
                case long _:
                    return Convert.ToInt64(value, CultureInfo.InvariantCulture);
                case double d when Math.Floor(d) == d && Math.Abs(d) < 9e15:
                    return (long)d;
                case decimal m when decimal.Truncate(m) == m && Math.Abs(m) < 9e15m:
                    return (long)m;
                case string s when long.TryParse(s.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed):
                    return parsed;
                default:
                    return null;
            }
        }

        private static string Join(string path, string name) => path.Length == 0 ? name : path + "." + name;
    }
}
