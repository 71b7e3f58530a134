using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using System.Management.Automation;
using KakaoPS.Commands.Base;
using KakaoPS.Errors;
using KakaoPS.Models;
using KakaoPS.PowerShellAdapter;
using KakaoPS.Resources;
using KakaoPS.Templates;

namespace KakaoPS.Commands
{
    /// <summary>
    /// Builds Kakao's list template: a header and two or three entries, given with -Content or
    /// piped in (hashtables or objects with Title, Description, ImageUrl, WebUrl…).
    /// </summary>
    [Cmdlet(VerbsCommon.New, "KakaoListTemplate")]
    [OutputType(typeof(KakaoTemplate))]
    public sealed class NewKakaoListTemplateCommand : KakaoTemplateCmdlet
    {
        private readonly List<KakaoContent> _contents = new List<KakaoContent>();

        /// <summary>The list's header (at most 200 characters); -WebUrl is where it leads.</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        public string? HeaderTitle { get; set; }

        /// <summary>Two or three entries; an entry without a link opens the header's link.</summary>
        [Parameter(Position = 1, ValueFromPipeline = true)]
        [ValidateNotNull]
        [KnownPropertiesArgument(typeof(KakaoContent))]
        public KakaoContent[]? Content { get; set; }

        protected override void ProcessRecord()
        {
            if (Content != null)
            {
                _contents.AddRange(Content.Where(c => c != null));
            }
        }

        protected override void EndProcessing()
        {
            // Told by the parameter's name: the validator would name Kakao's field, contents.
            if (_contents.Count < TemplateSchema.MinListContents || _contents.Count > TemplateSchema.MaxListContents)
            {
                Guard(() => throw new KakaoException("InvalidTemplate", KakaoErrorKind.InvalidArgument,
                    string.Format(CultureInfo.CurrentCulture, TemplateMessages.ListContentCount, _contents.Count, TemplateSchema.MinListContents, TemplateSchema.MaxListContents),
                    TemplateMessages.ListContentCountAction));
            }

            WriteList();
        }

        /// <summary>contents[1].image_url, Kakao's name, is -Content[1].ImageUrl to the user.</summary>
        private protected override string InParameterTerms(string message) =>
            Regex.Replace(message, @"\bcontents\[(\d+)\]\.([a-z_]+)", match => "-Content[" + match.Groups[1].Value + "]." +
                string.Concat(match.Groups[2].Value.Split('_').Select(word => char.ToUpperInvariant(word[0]) + word.Substring(1))));

        private void WriteList() => WriteTemplate("list", new Dictionary<string, object?>
        {
            ["header_title"] = HeaderTitle,
            ["header_link"] = Link(),
            ["contents"] = _contents.Select(c => (object?)TemplateParts.Content(c, FallbackWebUrl)).ToList(),
        });
    }
}
