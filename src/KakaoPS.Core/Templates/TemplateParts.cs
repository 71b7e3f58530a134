using System.Collections.Generic;
using System.Linq;
using KakaoPS.Models;

namespace KakaoPS.Templates
{
    /// <summary>
    /// Kakao's shared template pieces (link, button, content) built from the module's types, for
    /// the validator to check. A missing link falls back to the message's own link.
    /// </summary>
    internal static class TemplateParts
    {
        /// <summary>Kakao opens web_url on a PC and mobile_web_url on a phone: one given serves both.</summary>
        public static Dictionary<string, object?> Link(string? webUrl, string? mobileWebUrl, string? fallbackUrl = null)
        {
            var web = NonEmpty(webUrl) ?? NonEmpty(mobileWebUrl) ?? NonEmpty(fallbackUrl);
            return new Dictionary<string, object?>
            {
                ["web_url"] = web,
                ["mobile_web_url"] = NonEmpty(mobileWebUrl) ?? web,
            };
        }

        public static Dictionary<string, object?> Button(KakaoButton button, string? fallbackUrl) => new Dictionary<string, object?>
        {
            ["title"] = button.Title,
            ["link"] = Link(button.WebUrl, button.MobileWebUrl, fallbackUrl),
        };

        /// <summary>The buttons as Kakao's list, or null when there are none.</summary>
        public static List<object?>? Buttons(IEnumerable<KakaoButton>? buttons, string? fallbackUrl)
        {
            var list = buttons?.Where(b => b != null).Select(b => (object?)Button(b, fallbackUrl)).ToList();
            return list == null || list.Count == 0 ? null : list;
        }

        public static Dictionary<string, object?> Content(KakaoContent content, string? fallbackUrl) => new Dictionary<string, object?>
        {
            ["title"] = content.Title,
            ["image_url"] = content.ImageUrl,
            ["image_width"] = content.ImageWidth,
            ["image_height"] = content.ImageHeight,
            ["description"] = content.Description,
            ["link"] = Link(content.WebUrl, content.MobileWebUrl, fallbackUrl),
        };

        private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
    }
}
