using System.Collections.Generic;
using System.Globalization;
using System.Management.Automation;
using KakaoPS.Errors;
using KakaoPS.Models;
using KakaoPS.Resources;
using KakaoPS.Templates;

namespace KakaoPS.Commands.Base
{
    /// <summary>
    /// What the New-Kakao*Template cmdlets share: the message's link, its buttons, and writing a
    /// template that passed Kakao's rules (so it can be piped into Send-KakaoMemo).
    /// </summary>
    public abstract class KakaoTemplateCmdlet : KakaoCmdlet
    {
        /// <summary>The page the message opens; KAKAOPS_DEFAULT_WEB_URL (or developers.kakao.com) when none is given.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? WebUrl { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? MobileWebUrl { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        [ValidateLength(1, TemplateSchema.MaxButtonTitleLength)]
        public string? ButtonTitle { get; set; }

        /// <summary>Up to two buttons, e.g. @{ Title = '열기'; WebUrl = 'https://…' }; one without a link opens the message's link.</summary>
        [Parameter]
        [ValidateNotNull]
        [ValidateCount(1, TemplateSchema.MaxButtons)]
        public KakaoButton[]? Button { get; set; }

        /// <summary>The message's link, with the configured default when none was given.</summary>
        private protected Dictionary<string, object?> Link() => TemplateParts.Link(WebUrl, MobileWebUrl, FallbackWebUrl);

        private protected string? FallbackWebUrl => WebUrl ?? MobileWebUrl ?? Guard(() => TextTemplate.ConfiguredFallback(Configuration));

        /// <summary>Adds the buttons, checks the template and writes it; a broken one is a terminating InvalidTemplate error.</summary>
        private protected void WriteTemplate(string objectType, Dictionary<string, object?> fields)
        {
            fields["object_type"] = objectType;
            fields["button_title"] = ButtonTitle;
            fields["buttons"] = TemplateParts.Buttons(Button, FallbackWebUrl);
            WriteObject(Guard(() =>
            {
                try
                {
                    return TemplateValidator.Validate(fields);
                }
                catch (KakaoException e) when (e.ErrorId == "InvalidTemplate")
                {
                    // The user gave parameters, not Kakao's fields, and ran the builder already.
                    throw e.Retold(InParameterTerms(e.Message),
                        string.Format(CultureInfo.CurrentCulture, TemplateMessages.BuiltTemplateInvalidAction, TemplateValidator.RulesUrl));
                }
            }));
        }

        /// <summary>A validator message with Kakao's field names put as this cmdlet's parameters, where it has them.</summary>
        private protected virtual string InParameterTerms(string message) => message;
    }
}
