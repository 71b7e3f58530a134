using System;
using System.Collections.Generic;
using System.Linq;

namespace KakaoPS.Templates
{
    /// <summary>Kakao's default templates for the memo API and the rules the server applies to them.</summary>
    internal static class TemplateSchema
    {
        public const int MaxTextLength = 200;
        public const int MaxButtons = 2;

        /// <summary>How many entries a list template holds.</summary>
        public const int MinListContents = 2, MaxListContents = 3;

        /// <summary>
        /// Kakao documents no length for button_title (kakao-api.md §5); the stricter limit of 14
        /// characters holds for every template, whichever cmdlet builds it.
        /// </summary>
        public const int MaxButtonTitleLength = 14;

        private static readonly TemplateField[] LinkFields =
        {
            new TemplateField("web_url", FieldKind.Url),
            new TemplateField("mobile_web_url", FieldKind.Url),
            new TemplateField("android_execution_params", FieldKind.ExecutionParams),
            new TemplateField("ios_execution_params", FieldKind.ExecutionParams),
        };

        private static readonly TemplateField[] ContentFields =
        {
            new TemplateField("title", FieldKind.Text),
            new TemplateField("image_url", FieldKind.Url),
            new TemplateField("image_width", FieldKind.Integer, minValue: 1),
            new TemplateField("image_height", FieldKind.Integer, minValue: 1),
            new TemplateField("description", FieldKind.Text),
            Link("link", required: true),
        };

        private static readonly TemplateField[] SocialFields =
            new[] { "like_count", "comment_count", "shared_count", "view_count", "subscriber_count" }
                .Select(name => new TemplateField(name, FieldKind.Integer)).ToArray();

        private static readonly TemplateField[] ItemContentFields =
        {
            new TemplateField("profile_text", FieldKind.Text),
            new TemplateField("profile_image_url", FieldKind.Url),
            new TemplateField("title_image_text", FieldKind.Text),
            new TemplateField("title_image_url", FieldKind.Url),
            new TemplateField("title_image_category", FieldKind.Text),
            new TemplateField("items", FieldKind.Array, maxItems: 5, fields: new[]
            {
                new TemplateField("item", FieldKind.Text, required: true),
                new TemplateField("item_op", FieldKind.Text, required: true),
            }),
            new TemplateField("sum", FieldKind.Text),
            new TemplateField("sum_op", FieldKind.Text),
        };

        private static readonly TemplateField[] CommerceFields =
        {
            new TemplateField("regular_price", FieldKind.Integer, required: true),
            new TemplateField("discount_price", FieldKind.Integer),
            new TemplateField("fixed_discount_price", FieldKind.Integer),
            new TemplateField("discount_rate", FieldKind.Integer, maxValue: 100),
            new TemplateField("product_name", FieldKind.Text),
            new TemplateField("currency_unit", FieldKind.Text),
            new TemplateField("currency_unit_position", FieldKind.Integer, maxValue: 1),
        };

        private static readonly TemplateField ButtonTitle = new TemplateField("button_title", FieldKind.Text, maxLength: MaxButtonTitleLength);

        private static readonly TemplateField Buttons = new TemplateField("buttons", FieldKind.Array, maxItems: MaxButtons, fields: new[]
        {
            new TemplateField("title", FieldKind.Text, required: true),
            Link("link", required: true),
        });

        /// <summary>The memo API takes these five; calendar exists in Kakao's SDK but not for memo.</summary>
        public static readonly IReadOnlyDictionary<string, TemplateField[]> Types = new Dictionary<string, TemplateField[]>
        {
            ["text"] = new[]
            {
                new TemplateField("text", FieldKind.Text, required: true, maxLength: MaxTextLength),
                Link("link", required: true),
                ButtonTitle,
                Buttons,
            },
            ["feed"] = new[]
            {
                Content("content"),
                new TemplateField("item_content", FieldKind.Object, fields: ItemContentFields),
                new TemplateField("social", FieldKind.Object, fields: SocialFields),
                ButtonTitle,
                Buttons,
            },
            ["list"] = new[]
            {
                new TemplateField("header_title", FieldKind.Text, required: true, maxLength: MaxTextLength),
                Link("header_link", required: true),
                new TemplateField("contents", FieldKind.Array, required: true, minItems: MinListContents, maxItems: MaxListContents, fields: ContentFields),
                ButtonTitle,
                Buttons,
            },
            ["location"] = new[]
            {
                Content("content"),
                new TemplateField("address", FieldKind.Text, required: true),
                new TemplateField("address_title", FieldKind.Text),
                new TemplateField("social", FieldKind.Object, fields: SocialFields),
                ButtonTitle,
                Buttons,
            },
            ["commerce"] = new[]
            {
                Content("content"),
                new TemplateField("commerce", FieldKind.Object, required: true, fields: CommerceFields),
                ButtonTitle,
                Buttons,
            },
        };

        /// <summary>
        /// button_title renames Kakao's single default button and buttons replace it; what Kakao does
        /// with both is UNCONFIRMED, so a template takes one or the other.
        /// </summary>
        public static bool ButtonsConflict(IReadOnlyDictionary<string, object?> fields) =>
            fields.TryGetValue(ButtonTitle.Name, out var title) && title != null
            && fields.TryGetValue(Buttons.Name, out var buttons) && buttons != null;

        private static TemplateField Link(string name, bool required) =>
            new TemplateField(name, FieldKind.Object, required, fields: LinkFields, needsOneField: true);

        private static TemplateField Content(string name) =>
            new TemplateField(name, FieldKind.Object, required: true, fields: ContentFields);
    }
}
