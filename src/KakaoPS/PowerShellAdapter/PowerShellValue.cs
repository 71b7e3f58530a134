using System.Globalization;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using KakaoPS.Errors;
using KakaoPS.Resources;

namespace KakaoPS.PowerShellAdapter
{
    /// <summary>
    /// Turns what a user passes (hashtables, PSCustomObjects, arrays, wrapped values) into the
    /// plain dictionaries, lists and scalars the core reads.
    /// </summary>
    internal static class PowerShellValue
    {
        private const int MaxDepth = 32;

        /// <summary>
        /// The items a -InputObject parameter stands for: a collection given by name (not piped) is
        /// taken as its items, as the pipeline would pass them; anything else is one item.
        /// </summary>
        public static IEnumerable<PSObject?> InputItems(PSObject? input, bool piped)
        {
            if (!piped && input?.BaseObject is IEnumerable && !(input.BaseObject is string)
                && LanguagePrimitives.GetEnumerable(input.BaseObject) is IEnumerable items)
            {
                return items.Cast<object?>().Select(item => item == null ? null : PSObject.AsPSObject(item));
            }

            return new[] { input };
        }

        public static object? ToPlain(object? value, int depth = 0)
        {
            if (depth > MaxDepth)
            {
                throw new KakaoException("InvalidTemplate", KakaoErrorKind.InvalidArgument,
                    string.Format(CultureInfo.CurrentCulture, CommandMessages.TemplateTooDeep, MaxDepth), CommandMessages.TemplateTooDeepAction);
            }

            if (value is PSObject wrapped)
            {
                if (wrapped.BaseObject is PSCustomObject)
                {
                    return wrapped.Properties.ToDictionary(p => p.Name, p => ToPlain(p.Value, depth + 1));
                }

                value = wrapped.BaseObject;
            }

            switch (value)
            {
                case null:
                case string _:
                    return value;
                case IDictionary map:
                    var plain = new Dictionary<string, object?>();
                    foreach (DictionaryEntry entry in map)
                    {
                        plain[entry.Key?.ToString() ?? string.Empty] = ToPlain(entry.Value, depth + 1);
                    }

                    return plain;
                case IEnumerable list:
                    return list.Cast<object?>().Select(item => ToPlain(item, depth + 1)).ToList();
                default:
                    return value;
            }
        }
    }
}
