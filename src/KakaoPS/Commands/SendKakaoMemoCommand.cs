using System.Collections.Generic;
using System.Management.Automation;
using KakaoPS.Api;
using KakaoPS.Commands.Base;
using KakaoPS.Errors;
using KakaoPS.Memo;
using KakaoPS.Models;
using KakaoPS.PowerShellAdapter;
using KakaoPS.Templates;

namespace KakaoPS.Commands
{
    /// <summary>
    /// Sends a KakaoTalk message to yourself. Everything piped in becomes one text message (or one
    /// per object with -Each), fitted to Kakao's 200 characters; -Template sends any default
    /// template, -TemplateId a template built in Kakao's console, -ScrapUrl a web page.
    /// </summary>
    [Cmdlet(VerbsCommunications.Send, "KakaoMemo", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low, DefaultParameterSetName = TextSet)]
    [OutputType(typeof(KakaoMemoResult))]
    public sealed class SendKakaoMemoCommand : KakaoRequestCmdlet
    {
        private const string TextSet = "Text";
        private const string TemplateSet = "Template";
        private const string CustomSet = "Custom";
        private const string ScrapSet = "Scrap";
        private const string Target = "KakaoTalk 나와의 채팅 (memo to me)";
        private const string Activity = "Send-KakaoMemo";

        private MemoTextBuilder? _builder;
        private PipelineText? _pipelineText;
        private MemoRequest? _request;
        private KakaoApi? _api;
        private string _fallbackWebUrl = TextTemplate.DefaultWebUrl;
        private bool _receivedText;
        private int _messages;
        private bool _progressShown;

        [Parameter(Position = 0, ParameterSetName = TextSet)]
        [ValidateNotNullOrEmpty]
        public string? Text { get; set; }

        [Parameter(ValueFromPipeline = true, ParameterSetName = TextSet)]
        [AllowNull]
        [AllowEmptyString]
        public PSObject? InputObject { get; set; }

        [Parameter(ParameterSetName = TextSet)]
        [ValidateNotNullOrEmpty]
        public string? Title { get; set; }

        [Parameter(ParameterSetName = TextSet)]
        [ValidateNotNullOrEmpty]
        public string? WebUrl { get; set; }

        [Parameter(ParameterSetName = TextSet)]
        [ValidateNotNullOrEmpty]
        public string? MobileWebUrl { get; set; }

        [Parameter(ParameterSetName = TextSet)]
        [ValidateNotNullOrEmpty]
        [ValidateLength(1, TemplateSchema.MaxButtonTitleLength)]
        public string? ButtonTitle { get; set; }

        /// <summary>Up to two buttons, e.g. @{ Title = '로그'; WebUrl = 'https://…' }; one without a link opens the message's link.</summary>
        [Parameter(ParameterSetName = TextSet)]
        [ValidateNotNull]
        [ValidateCount(1, TemplateSchema.MaxButtons)]
        public KakaoButton[]? Button { get; set; }

        [Parameter(ParameterSetName = TextSet)]
        public MemoOverflow? Overflow { get; set; }

        [Parameter(ParameterSetName = TextSet)]
        [ValidateRange(1, 100)]
        public int MaxMessages { get; set; } = 10;

        [Parameter(ParameterSetName = TextSet)]
        public SwitchParameter Each { get; set; }

        /// <summary>A default template: a KakaoTemplate, a hashtable, a PSCustomObject or JSON text.</summary>
        [Parameter(Mandatory = true, ParameterSetName = TemplateSet)]
        [ValidateNotNull]
        public object? Template { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = CustomSet)]
        [Parameter(ParameterSetName = ScrapSet)]
        [ValidateRange(1L, long.MaxValue)]
        public long? TemplateId { get; set; }

        /// <summary>Values for the template's ${key} arguments: a hashtable, a PSCustomObject or a JSON object.</summary>
        [Parameter(ParameterSetName = CustomSet)]
        [Parameter(ParameterSetName = ScrapSet)]
        [ValidateNotNull]
        public object? TemplateArgs { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = ScrapSet)]
        [ValidateNotNullOrEmpty]
        public string? ScrapUrl { get; set; }

        /// <summary>Input piped in, or given to -InputObject by name or splatted (an array is taken as its items).</summary>
        private bool Piped => MyInvocation.ExpectingInput || MyInvocation.BoundParameters.ContainsKey(nameof(InputObject));

        /// <summary>Piped output keeps its end (where builds report failures); a given -Text keeps its start.</summary>
        private MemoOverflow OverflowMode => Overflow ?? (Piped ? MemoOverflow.Tail : MemoOverflow.Head);

        protected override void BeginProcessing()
        {
            // Everything is checked before anything is sent, and without a token.
            Guard(() =>
            {
                _request = ParameterSetName switch
                {
                    TemplateSet => MemoRequest.Default(TemplateValidator.Validate(PowerShellValue.ToPlain(Template))),
                    CustomSet => MemoRequest.Custom(TemplateId!.Value, PowerShellValue.ToPlain(TemplateArgs)),
                    ScrapSet => MemoRequest.Scrap(ScrapUrl!, TemplateId, PowerShellValue.ToPlain(TemplateArgs)),
                    _ => null,
                };
                if (_request == null)
                {
                    PrepareText();
                }
            });
        }

        protected override void ProcessRecord()
        {
            if (_request != null || !Piped)
            {
                return;
            }

            if (!MyInvocation.ExpectingInput && InputObject?.BaseObject is System.Collections.IEnumerable && !(InputObject.BaseObject is string)
                && LanguagePrimitives.GetEnumerable(InputObject.BaseObject) is System.Collections.IEnumerable items)
            {
                // -InputObject given by name: its items, as the pipeline would pass them.
                foreach (var item in items)
                {
                    Take(item == null ? null : PSObject.AsPSObject(item));
                }

                return;
            }

            Take(InputObject);
        }

        private void Take(PSObject? input)
        {
            if (input == null)
            {
                WriteVerbose("Skipped a null pipeline item.");
                return;
            }

            // Builder output (New-KakaoFeedTemplate …) is sent as it is, one message per template.
            if (input.BaseObject is KakaoTemplate template)
            {
                Send(MemoRequest.Default(template), streamed: true);
                return;
            }

            _receivedText = true;
            if (Each)
            {
                SendOnItsOwn(_pipelineText!.Lines(input, flush: true));
                return;
            }

            foreach (var line in _pipelineText!.Lines(input, flush: false))
            {
                _builder!.Add(line);
            }
        }

        protected override void EndProcessing()
        {
            if (_request != null)
            {
                Send(_request, streamed: false);
                return;
            }

            foreach (var line in _pipelineText!.Flush())
            {
                _builder!.Add(line);
            }

            if (Text == null && !_receivedText)
            {
                // -Each: no input is no message (one per failed test, and none failed).
                if (_messages == 0 && !(Each && Piped))
                {
                    Guard(() => throw new KakaoException("EmptyMessage", KakaoErrorKind.InvalidArgument,
                        "There is nothing to send: no -Text and no pipeline input.",
                        "Pass -Text 'message', or pipe text into Send-KakaoMemo."));
                }
            }
            else if (Each)
            {
                if (Text != null)
                {
                    SendOnItsOwn(new MemoLine[] { Text });
                }
            }
            else
            {
                if (Text != null)
                {
                    _builder!.Add(Text);
                }

                SendText(_builder!, streamed: false);
            }

            if (_progressShown)
            {
                WriteProgress(new ProgressRecord(1, Activity, "Done") { RecordType = ProgressRecordType.Completed });
            }
        }

        private void PrepareText()
        {
            TextTemplate.ValidateUrl(WebUrl, nameof(WebUrl));
            TextTemplate.ValidateUrl(MobileWebUrl, nameof(MobileWebUrl));
            if (WebUrl == null && MobileWebUrl == null)
            {
                _fallbackWebUrl = TextTemplate.ConfiguredFallback(Configuration);
            }

            // Checks the buttons now, so a bad one stops the command before anything is sent.
            NewTextTemplate("-").ToTemplate();
            _pipelineText = new PipelineText(InvokeCommand);
            _builder = NewBuilder();
        }

        private MemoTextBuilder NewBuilder() => new MemoTextBuilder(Title, OverflowMode, MaxMessages, keepEnd: Piped);

        /// <summary>-Each: one message for these lines.</summary>
        private void SendOnItsOwn(IEnumerable<MemoLine> lines)
        {
            var single = NewBuilder();
            foreach (var line in lines)
            {
                single.Add(line);
            }

            SendText(single, streamed: true);
        }

        private TextTemplate NewTextTemplate(string text) => new TextTemplate
        {
            Text = text,
            WebUrl = WebUrl,
            MobileWebUrl = MobileWebUrl,
            ButtonTitle = ButtonTitle,
            Buttons = Button,
            FallbackWebUrl = _fallbackWebUrl,
        };

        /// <summary>Every part is checked before the first is sent; a part Kakao refuses says which were delivered.</summary>
        private void SendText(MemoTextBuilder builder, bool streamed)
        {
            var parts = Guard(() => builder.Build());
            var requests = new List<MemoRequest>();
            foreach (var part in parts)
            {
                if (string.IsNullOrWhiteSpace(part.Text))
                {
                    WriteKakaoError(new KakaoException("EmptyMessage", KakaoErrorKind.InvalidArgument,
                        "The message is empty or only white space; Kakao does not send empty text.",
                        "Pass some text to send."), part.Text);
                    continue;
                }

                requests.Add(MemoRequest.Default(Guard(() => NewTextTemplate(part.Text).ToTemplate()), part));
            }

            if (requests.Count > 0 && requests[0].Part!.CutWarning is string warning)
            {
                WriteWarning(warning);
            }

            foreach (var request in requests)
            {
                var part = request.Part!;
                if (parts.Count > 1)
                {
                    Progress($"Sending part {part.Part} of {part.Parts}", (part.Part - 1) * 100 / part.Parts);
                }

                if (!Send(request, streamed && parts.Count == 1) && part.Parts > 1)
                {
                    break; // the parts after a refused one would arrive out of context
                }
            }
        }

        /// <summary>Sends one message (or says what would be sent, with -WhatIf). A streamed one shows progress from the second on.</summary>
        /// <returns>False when Kakao refused it.</returns>
        private bool Send(MemoRequest request, bool streamed)
        {
            _messages++;
            if (streamed && _messages > 1)
            {
                Progress($"Sending message {_messages}", -1);
            }

            if (!ShouldProcess(Target, request.Description))
            {
                return true;
            }

            if (_api == null)
            {
                var auth = Guard(() => CreateAuthenticator(TokenPath));
                Guard(() => auth.RequireTokens());
                _api = new KakaoApi(auth, Log);
            }

            try
            {
                WriteObject(Run(ct => _api.SendMemoAsync(request, ct), delivered => WriteObject(delivered)));
                return true;
            }
            catch (KakaoException e)
            {
                WriteKakaoError(request.Part is MemoText part && part.Parts > 1 ? e.WithNote(part.DeliveryNote()) : e,
                    request.Part?.Text ?? request.TemplateType);
                return false;
            }
        }

        private void Progress(string status, int percent)
        {
            _progressShown = true;
            WriteProgress(new ProgressRecord(1, Activity, status) { PercentComplete = percent });
        }
    }
}
