using System.Collections.Generic;
using System.Management.Automation;
using KakaoPS.Commands.Base;
using KakaoPS.Models;

namespace KakaoPS.Commands
{
    /// <summary>Builds Kakao's commerce template (a product card with its price) to pipe into Send-KakaoMemo.</summary>
    [Cmdlet(VerbsCommon.New, "KakaoCommerceTemplate")]
    [OutputType(typeof(KakaoTemplate))]
    public sealed class NewKakaoCommerceTemplateCommand : KakaoContentTemplateCmdlet
    {
        [Parameter(Mandatory = true)]
        [ValidateRange(0, int.MaxValue)]
        public int RegularPrice { get; set; }

        [Parameter]
        [ValidateRange(0, int.MaxValue)]
        public int? DiscountPrice { get; set; }

        [Parameter]
        [ValidateRange(0, 100)]
        public int? DiscountRate { get; set; }

        [Parameter]
        [ValidateRange(0, int.MaxValue)]
        public int? FixedDiscountPrice { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? ProductName { get; set; }

        /// <summary>The currency shown with the price, e.g. '원' (Kakao's default).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? CurrencyUnit { get; set; }

        /// <summary>0: the unit after the price (10,000원); 1: before it ($10).</summary>
        [Parameter]
        [ValidateRange(0, 1)]
        public int? CurrencyUnitPosition { get; set; }

        protected override void EndProcessing() => WriteTemplate("commerce", new Dictionary<string, object?>
        {
            ["content"] = Content(),
            ["commerce"] = new Dictionary<string, object?>
            {
                ["regular_price"] = RegularPrice,
                ["discount_price"] = DiscountPrice,
                ["fixed_discount_price"] = FixedDiscountPrice,
                ["discount_rate"] = DiscountRate,
                ["product_name"] = ProductName,
                ["currency_unit"] = CurrencyUnit,
                ["currency_unit_position"] = CurrencyUnitPosition,
            },
        });
    }
}
