using System.Collections.Generic;
using System.Management.Automation;
using KakaoPS.Models;
using KakaoPS.Templates;

namespace KakaoPS.Commands.Base
{
    /// <summary>Templates built around one content (feed, location, commerce): its title, text and image.</summary>
    public abstract class KakaoContentTemplateCmdlet : KakaoTemplateCmdlet
    {
        [Parameter(Position = 0)]
        [ValidateNotNullOrEmpty]
        public string? Title { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Description { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? ImageUrl { get; set; }

        [Parameter]
        [ValidateRange(1, 10000)]
        public int? ImageWidth { get; set; }

        [Parameter]
        [ValidateRange(1, 10000)]
        public int? ImageHeight { get; set; }

        private protected Dictionary<string, object?> Content() => TemplateParts.Content(new KakaoContent
        {
            Title = Title,
            Description = Description,
            ImageUrl = ImageUrl,
            ImageWidth = ImageWidth,
            ImageHeight = ImageHeight,
            WebUrl = WebUrl,
            MobileWebUrl = MobileWebUrl,
        }, FallbackWebUrl);
    }
}
