using System.Globalization;
using System.Collections.Generic;
using KakaoPS.Configuration;
using KakaoPS.Errors;
using KakaoPS.Http;
using KakaoPS.Resources;
using KakaoPS.Models;

namespace KakaoPS.Templates
{
    /// <summary>Kakao's text template: text (≤ 200 characters) with a required link, a button title or up to two buttons.</summary>
    internal sealed class TextTemplate
    {
        /// <summary>Used when no link is given nor configured (KAKAOPS_DEFAULT_WEB_URL): Kakao requires one, and this one always opens.</summary>
        public const string DefaultWebUrl = "https://developers.kakao.com";

        /// <summary>The setting that names the link used when a message gives none.</summary>
        public const string DefaultWebUrlVariable = "KAKAOPS_DEFAULT_WEB_URL";

        public string Text { get; set; } = string.Empty;
        public string? WebUrl { get; set; }
        public string? MobileWebUrl { get; set; }
        public string? ButtonTitle { get; set; }
        public IReadOnlyList<KakaoButton>? Buttons { get; set; }

        /// <summary>The link used when none is given: the configured one, else <see cref="DefaultWebUrl"/>.</summary>
        public string FallbackWebUrl { get; set; } = DefaultWebUrl;

        /// <summary>The checked template; its JSON has Hangul and emoji as themselves.</summary>
        public KakaoTemplate ToTemplate()
        {
            var link = TemplateParts.Link(WebUrl, MobileWebUrl, FallbackWebUrl);
            if (string.IsNullOrEmpty(ButtonTitle) && (Buttons == null || Buttons.Count == 0)
                && TemplateValidator.PlainText(Text, link["web_url"] as string, link["mobile_web_url"] as string) is KakaoTemplate plain)
            {
                return plain;
            }

            return TemplateValidator.Validate(new Dictionary<string, object?>
            {
                ["object_type"] = "text",
                ["text"] = Text,
                ["link"] = link,
                ["button_title"] = string.IsNullOrEmpty(ButtonTitle) ? null : ButtonTitle,
                ["buttons"] = TemplateParts.Buttons(Buttons, WebUrl ?? MobileWebUrl ?? FallbackWebUrl),
            });
        }

        /// <summary>The template_object form value.</summary>
        public string ToJson() => ToTemplate().Json;

        /// <summary>Links must be absolute http(s) URLs.</summary>
        public static string? ValidateUrl(string? url, string parameterName)
        {
            if (url == null)
            {
                return null;
            }

            if (!HttpUrl.IsValid(url))
            {
                var name = parameterName.StartsWith("KAKAOPS_", System.StringComparison.Ordinal) ? parameterName : "-" + parameterName;
                throw new KakaoException("InvalidUrl", KakaoErrorKind.InvalidArgument,
                    string.Format(CultureInfo.CurrentCulture, TemplateMessages.InvalidUrl, name, url),
                    string.Format(CultureInfo.CurrentCulture, TemplateMessages.InvalidUrlAction, name));
            }

            return url;
        }

        /// <summary>KAKAOPS_DEFAULT_WEB_URL (environment or .env) when set and valid, else <see cref="DefaultWebUrl"/>.</summary>
        public static string ConfiguredFallback(KakaoConfiguration configuration) =>
            ValidateUrl(configuration.Get(DefaultWebUrlVariable), DefaultWebUrlVariable) ?? DefaultWebUrl;
    }
}
