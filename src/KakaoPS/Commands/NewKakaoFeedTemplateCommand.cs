using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using KakaoPS.Commands.Base;
using KakaoPS.Models;
using KakaoPS.PowerShellAdapter;

namespace KakaoPS.Commands
{
    /// <summary>Builds Kakao's feed template (a card: image, title, description, buttons) to pipe into Send-KakaoMemo.</summary>
    [Cmdlet(VerbsCommon.New, "KakaoFeedTemplate")]
    [OutputType(typeof(KakaoTemplate))]
    public sealed class NewKakaoFeedTemplateCommand : KakaoContentTemplateCmdlet
    {
        /// <summary>Counts shown under the card, e.g. @{ LikeCount = 10; CommentCount = 2 }.</summary>
        [Parameter]
        [ValidateNotNull]
        public IDictionary? Social { get; set; }

        /// <summary>Kakao's item_content block, e.g. @{ ProfileText = 'CI'; Items = @(@{ Item = 'tests'; ItemOp = '812 passed' }) }.</summary>
        [Parameter]
        [ValidateNotNull]
        public IDictionary? ItemContent { get; set; }

        protected override void EndProcessing() => WriteTemplate("feed", new Dictionary<string, object?>
        {
            ["content"] = Content(),
            ["item_content"] = PowerShellValue.ToPlain(ItemContent),
            ["social"] = PowerShellValue.ToPlain(Social),
        });
    }
}
