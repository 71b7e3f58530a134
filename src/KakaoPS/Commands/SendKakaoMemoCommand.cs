using System;
using System.Collections.Generic;
using System.Management.Automation;
using KakaoPS.Auth;
using KakaoPS.Kakao;
using KakaoPS.Models;

namespace KakaoPS.Commands
{
    /// <summary>
    /// Sends a KakaoTalk message to yourself. Everything piped in becomes one message (or one per
    /// object with -Each), fitted to Kakao's 200-character text template.
    /// </summary>
    [Cmdlet(VerbsCommunications.Send, "KakaoMemo", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(typeof(KakaoMemoResult))]
    public sealed class SendKakaoMemoCommand : KakaoRequestCmdlet
    {
        private const string Target = "KakaoTalk 나와의 채팅 (memo to me)";

        private MemoTextBuilder? _builder;
        private PipelineText? _pipelineText;
        private KakaoAuthenticator? _auth;
        private KakaoApi? _api;
        private bool _received;

        [Parameter(Position = 0)]
        [ValidateNotNullOrEmpty]
        public string? Text { get; set; }

        [Parameter(ValueFromPipeline = true)]
        [AllowNull]
        [AllowEmptyString]
        public PSObject? InputObject { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Title { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? WebUrl { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? MobileWebUrl { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        [ValidateLength(1, 14)]
        public string? ButtonTitle { get; set; }

        [Parameter]
        public MemoOverflow? Overflow { get; set; }

        [Parameter]
        [ValidateRange(1, 100)]
        public int MaxMessages { get; set; } = 10;

        [Parameter]
        public SwitchParameter Each { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? TokenPath { get; set; }

        private bool Piped => MyInvocation.ExpectingInput;

        /// <summary>Piped output keeps its end (where builds report failures); a given -Text keeps its start.</summary>
        private MemoOverflow OverflowMode => Overflow ?? (Piped ? MemoOverflow.Tail : MemoOverflow.Head);

        protected override void BeginProcessing()
        {
            Guard(() =>
            {
                TextTemplate.ValidateUrl(WebUrl, nameof(WebUrl));
                TextTemplate.ValidateUrl(MobileWebUrl, nameof(MobileWebUrl));
            });
            _pipelineText = new PipelineText(InvokeCommand);
            _builder = NewBuilder();
        }

        protected override void ProcessRecord()
        {
            if (!Piped)
            {
                return;
            }

            if (InputObject == null)
            {
                WriteVerbose("Skipped a null pipeline item.");
                return;
            }

            _received = true;
            if (Each)
            {
                var single = NewBuilder();
                foreach (var line in _pipelineText!.Lines(InputObject, flush: true))
                {
                    single.Add(line);
                }

                Send(single);
                return;
            }

            foreach (var line in _pipelineText!.Lines(InputObject, flush: false))
            {
                _builder!.Add(line);
            }
        }

        protected override void EndProcessing()
        {
            foreach (var line in _pipelineText!.Flush())
            {
                _builder!.Add(line);
            }

            if (Text != null)
            {
                _builder!.Add(Text);
            }
            else if (!_received)
            {
                Guard(() => throw new KakaoException("EmptyMessage", KakaoErrorKind.InvalidArgument,
                    "There is nothing to send: no -Text and no pipeline input.",
                    "Pass -Text 'message', or pipe text into Send-KakaoMemo."));
            }

            if (!Each)
            {
                Send(_builder!);
            }
        }

        private MemoTextBuilder NewBuilder() => new MemoTextBuilder(Title, OverflowMode, MaxMessages);

        private void Send(MemoTextBuilder builder)
        {
            var parts = Guard(() => builder.Build());
            foreach (var part in parts)
            {
                if (string.IsNullOrWhiteSpace(part.Text))
                {
                    WriteKakaoError(new KakaoException("EmptyMessage", KakaoErrorKind.InvalidArgument,
                        "The message is empty or only white space; Kakao does not send empty text.",
                        "Pass some text to send."), part.Text);
                    continue;
                }

                if (part.Truncated && part.Part == 1)
                {
                    WriteWarning($"The message was shortened to fit KakaoTalk's {MemoTextBuilder.MaxLength} characters: {part.OmittedLines} line(s), {part.OmittedCharacters} character(s) left out.");
                }

                if (parts.Count > 1)
                {
                    WriteProgress(new ProgressRecord(1, "Send-KakaoMemo", $"Sending part {part.Part} of {part.Parts}")
                    {
                        PercentComplete = (part.Part - 1) * 100 / part.Parts,
                    });
                }

                var template = new TextTemplate { Text = part.Text, WebUrl = WebUrl, MobileWebUrl = MobileWebUrl, ButtonTitle = ButtonTitle }.ToJson();
                if (!ShouldProcess(Target, $"Send text memo {template}"))
                {
                    continue;
                }

                SendOne(part, template);
            }

            if (parts.Count > 1)
            {
                WriteProgress(new ProgressRecord(1, "Send-KakaoMemo", "Done") { RecordType = ProgressRecordType.Completed });
            }
        }

        private void SendOne(MemoText part, string template)
        {
            if (_api == null)
            {
                _auth = Guard(() => CreateAuthenticator(TokenPath));
                Guard(() => _auth.RequireTokens());
                _api = new KakaoApi(_auth, Log);
            }

            try
            {
                var sentBefore = _auth!.Client.ApiRequestsSent;
                var resultCode = Run(ct => _api.SendDefaultMemoAsync(template, ct));
                WriteObject(new KakaoMemoResult
                {
                    Success = resultCode == 0,
                    ResultCode = resultCode,
                    TemplateType = "text",
                    Text = part.Text,
                    Part = part.Part,
                    Parts = part.Parts,
                    Truncated = part.Truncated,
                    OmittedCharacters = part.OmittedCharacters,
                    OmittedLines = part.OmittedLines,
                    SentAt = DateTimeOffset.Now,
                    Attempts = _auth.Client.ApiRequestsSent - sentBefore,
                });
            }
            catch (KakaoException e)
            {
                WriteKakaoError(e, part.Text);
            }
        }
    }
}
