using System;
using System.IO;
using System.Text;
using System.Text.Json;

namespace KakaoPS.Kakao
{
    /// <summary>Kakao's text template: text (≤ 200 characters) with a required link and an optional button title.</summary>
    public sealed class TextTemplate
    {
        /// <summary>Used when no link is given: Kakao requires one, and this one always opens.</summary>
        public const string DefaultWebUrl = "https://developers.kakao.com";

        public string Text { get; set; } = string.Empty;
        public string? WebUrl { get; set; }
        public string? MobileWebUrl { get; set; }
        public string? ButtonTitle { get; set; }

        /// <summary>The template_object form value, with Hangul and emoji as themselves.</summary>
        public string ToJson()
        {
            var webUrl = WebUrl ?? MobileWebUrl ?? DefaultWebUrl;
            var mobileWebUrl = MobileWebUrl ?? webUrl;
            using var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer, KakaoJson.WriterOptions))
            {
                writer.WriteStartObject();
                writer.WriteString("object_type", "text");
                writer.WriteString("text", Text);
                writer.WriteStartObject("link");
                writer.WriteString("web_url", webUrl);
                writer.WriteString("mobile_web_url", mobileWebUrl);
                writer.WriteEndObject();
                if (!string.IsNullOrEmpty(ButtonTitle))
                {
                    writer.WriteString("button_title", ButtonTitle);
                }

                writer.WriteEndObject();
            }

            return Encoding.UTF8.GetString(buffer.ToArray());
        }

        /// <summary>Links must be absolute http(s) URLs.</summary>
        public static string? ValidateUrl(string? url, string parameterName)
        {
            if (url == null)
            {
                return null;
            }

            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                throw new KakaoException("InvalidUrl", KakaoErrorKind.InvalidArgument,
                    $"-{parameterName} '{url}' is not an absolute http or https URL.",
                    $"Pass a full URL such as https://example.com/build/42 to -{parameterName}. Kakao opens only domains registered under the app's Product Link (제품 링크 관리) web domains.");
            }

            return url;
        }
    }
}
