using System;
using System.Collections.Generic;
using System.Linq;

namespace KakaoPS.Templates
{
    /// <summary>One field of a default template (kakao-api.md §5), in the order Kakao documents it.</summary>
    internal sealed class TemplateField
    {
        public TemplateField(string name, FieldKind kind, bool required = false, int maxLength = 0, int minItems = 0, int maxItems = 0,
            long minValue = 0, long maxValue = long.MaxValue, TemplateField[]? fields = null, bool needsOneField = false)
        {
            Name = name;
            Kind = kind;
            Required = required;
            MaxLength = maxLength;
            MinItems = minItems;
            MaxItems = maxItems;
            MinValue = minValue;
            MaxValue = maxValue;
            Fields = fields ?? Array.Empty<TemplateField>();
            NeedsOneField = needsOneField;
        }

        public string Name { get; }
        public FieldKind Kind { get; }
        public bool Required { get; }

        /// <summary>Most UTF-16 units a text may have; 0 when Kakao documents no limit.</summary>
        public int MaxLength { get; }
        public int MinItems { get; }

        /// <summary>Most items of an array; 0 when unlimited.</summary>
        public int MaxItems { get; }
        public long MinValue { get; }
        public long MaxValue { get; }

        /// <summary>The fields of this object, or of each item of this array.</summary>
        public TemplateField[] Fields { get; }

        /// <summary>A link: at least one of its fields must be set.</summary>
        public bool NeedsOneField { get; }
    }
}
