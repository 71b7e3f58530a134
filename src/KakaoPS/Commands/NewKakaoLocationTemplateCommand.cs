using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using KakaoPS.Commands.Base;
using KakaoPS.Models;
using KakaoPS.PowerShellAdapter;

namespace KakaoPS.Commands
{
    /// <summary>Builds Kakao's location template (a card with an address and a map button) to pipe into Send-KakaoMemo.</summary>
    [Cmdlet(VerbsCommon.New, "KakaoLocationTemplate")]
    [OutputType(typeof(KakaoTemplate))]
    public sealed class NewKakaoLocationTemplateCommand : KakaoContentTemplateCmdlet
    {
        /// <summary>The address Kakao's map button looks up, e.g. '경기 성남시 분당구 판교역로 235'.</summary>
        [Parameter(Mandatory = true)]
        [ValidateNotNullOrEmpty]
        public string? Address { get; set; }

        /// <summary>The place's name shown on the map, e.g. '카카오 판교아지트'.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? AddressTitle { get; set; }

        /// <summary>Counts shown under the card, e.g. @{ LikeCount = 10; CommentCount = 2 }.</summary>
        [Parameter]
        [ValidateNotNull]
        public IDictionary? Social { get; set; }

        protected override void EndProcessing() => WriteTemplate("location", new Dictionary<string, object?>
        {
            ["content"] = Content(),
            ["address"] = Address,
            ["address_title"] = AddressTitle,
            ["social"] = PowerShellValue.ToPlain(Social),
        });
    }
}
