using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using KakaoPS.Api;
using KakaoPS.Commands.Base;
using KakaoPS.Errors;
using KakaoPS.Memo;
using KakaoPS.Models;
using KakaoPS.PowerShellAdapter;
using KakaoPS.Resources;
using KakaoPS.Templates;
using KakaoPS.Throttling;

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
        private Throttler? _throttler;
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

        /// <summary>Sends the same alert at most once per window; a repeat within it is held back (a Suppressed result, no error).</summary>
        [Parameter]
        public TimeSpan? Throttle { get; set; }

        /// <summary>What makes alerts "the same" for -Throttle; by default, what would be sent.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? ThrottleKey { get; set; }

        /// <summary>Input piped in, or given to -InputObject by name or splatted (an array is taken as its items).</summary>
        private bool Piped => MyInvocation.ExpectingInput || MyInvocation.BoundParameters.ContainsKey(nameof(InputObject));

        /// <summary>Piped output keeps its end (where builds report failures); a given -Text keeps its start.</summary>
        private MemoOverflow OverflowMode => Overflow ?? (Piped ? MemoOverflow.Tail : MemoOverflow.Head);

        protected override void BeginProcessing()
        {
            // Everything is checked before anything is sent, and without a token.
            Guard(() =>
            {
                Throttler.CheckParameters(Throttle, ThrottleKey);
                if (Throttle is TimeSpan window)
                {
                    // Beside the token file: every process of the user that uses that login shares it.
                    var file = ThrottleFile.Beside(OpenTokenStore(TokenPath).Path);
                    file.Warning = Log.Warning;
                    _throttler = new Throttler(window, ThrottleKey, file);
                }

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
                WriteVerbose(MemoMessages.SkippedNullItem);
                return;
            }

            // Builder output (New-KakaoFeedTemplate …) is sent as it is, one message per template.
            if (input.BaseObject is KakaoTemplate template)
            {
                SendMessage(new[] { MemoRequest.Default(template) }, streamed: true);
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
                SendMessage(new[] { _request }, streamed: false);
                return;
            }

            if (_pipelineText!.HasPending)
            {
                foreach (var line in _pipelineText.Flush())
                {
                    _builder!.Add(line);
                }
            }

            if (Text == null && !_receivedText)
            {
                // -Each: no input is no message (one per failed test, and none failed).
                if (_messages == 0 && !(Each && Piped))
                {
                    Guard(() => throw new KakaoException("EmptyMessage", KakaoErrorKind.InvalidArgument,
                        MemoMessages.NothingToSend,
                        MemoMessages.NothingToSendAction));
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
                WriteProgress(new ProgressRecord(1, Activity, MemoMessages.SendingDone) { RecordType = ProgressRecordType.Completed });
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

            // Checks the buttons and links now, so a bad one stops the command before any input is read.
            // Without them every part of the template is the module's own, and each part is checked before it is sent.
            if (Button != null || ButtonTitle != null || WebUrl != null || MobileWebUrl != null)
            {
                NewTextTemplate("-").ToTemplate();
            }

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
            foreach (var part in parts)
            {
                if (string.IsNullOrWhiteSpace(part.Text))
                {
                    WriteKakaoError(new KakaoException("EmptyMessage", KakaoErrorKind.InvalidArgument,
                        MemoMessages.MessageEmpty,
                        MemoMessages.MessageEmptyAction), part.Text);
                }
            }

            var requests = TextRequests(parts);
            if (requests.Count > 0 && requests[0].Part!.CutWarning is string warning)
            {
                WriteWarning(warning);
            }

            SendMessage(requests, streamed, sent =>
            {
                // The held-back note takes room: the text is fitted again, and a cut it causes is said.
                var noted = TextRequests(Guard(() => builder.Build(Throttler.Note(sent))));
                if (noted.Count > 0 && noted[0].Part!.CutWarning is string cut && cut != requests[0].Part!.CutWarning)
                {
                    WriteWarning(cut);
                }

                if (noted.All(r => r.Part!.Note == null))
                {
                    WriteVerbose(string.Format(CultureInfo.CurrentCulture, ThrottleMessages.NoteLeftOut, sent.Held, Throttler.LocalTime(sent.HeldSince!.Value)));
                }

                return noted;
            });
        }

        private List<MemoRequest> TextRequests(IReadOnlyList<MemoText> parts) =>
            parts.Where(part => !string.IsNullOrWhiteSpace(part.Text))
                .Select(part => MemoRequest.Default(Guard(() => NewTextTemplate(part.Text).ToTemplate()), part))
                .ToList();

        /// <summary>
        /// Sends one message: its parts, in order, the parts after a refused one left out. With
        /// -Throttle one decision covers every part, made when the first is about to go (so
        /// -WhatIf records nothing): held back, each part gives a Suppressed result; sent after
        /// repeats were held back, <paramref name="withNote"/> rebuilds the parts to say so; not
        /// delivered, the reservation is released so the next try is not held back.
        /// </summary>
        private void SendMessage(IReadOnlyList<MemoRequest> requests, bool streamed, Func<ThrottleDecision, IReadOnlyList<MemoRequest>>? withNote = null)
        {
            var key = _throttler == null || requests.Count == 0 ? null : Throttling.ThrottleKey.For(_throttler.UserKey, requests);
            ThrottleDecision? decision = null;
            for (var i = 0; i < requests.Count; i++)
            {
                var request = requests[i];
                if (requests.Count > 1)
                {
                    Progress(string.Format(CultureInfo.CurrentCulture, MemoMessages.SendingPart, request.Part!.Part, request.Part.Parts), (request.Part.Part - 1) * 100 / request.Part.Parts);
                }

                if (!Announce(request, streamed && requests.Count == 1))
                {
                    continue;
                }

                if (key != null && decision == null)
                {
                    decision = Run(ct => _throttler!.DecideAsync(key, ct));
                    if (decision.Suppressed)
                    {
                        WriteVerbose(Throttler.HeldBackMessage(decision));
                        foreach (var held in requests)
                        {
                            WriteObject(MemoResults.Held(held, decision.Held));
                        }

                        return;
                    }

                    if (decision.Held > 0 && i == 0)
                    {
                        if (withNote != null)
                        {
                            requests = withNote(decision);
                            request = requests[0];
                        }
                        else
                        {
                            WriteVerbose(string.Format(CultureInfo.CurrentCulture, ThrottleMessages.TemplateNote, decision.Held, Throttler.LocalTime(decision.HeldSince!.Value)));
                        }
                    }
                }

                if (!Deliver(request, decision?.Held ?? 0))
                {
                    if (decision != null)
                    {
                        Run(ct => _throttler!.ReleaseAsync(key!, decision, ct));
                    }

                    if (requests.Count > 1)
                    {
                        return; // the parts after a refused one would arrive out of context
                    }
                }
            }
        }

        /// <summary>Counts a message, shows progress for a streamed one from the second on, and asks ShouldProcess (-WhatIf, -Confirm).</summary>
        private bool Announce(MemoRequest request, bool streamed)
        {
            _messages++;
            if (streamed && _messages > 1)
            {
                Progress(string.Format(CultureInfo.CurrentCulture, MemoMessages.SendingMessage, _messages), -1);
            }

            return ShouldProcess(Target, request.Description);
        }

        /// <summary>Sends one message and writes its result.</summary>
        /// <returns>False when Kakao refused it.</returns>
        private bool Deliver(MemoRequest request, int heldBack)
        {
            if (_api == null)
            {
                var auth = Guard(() => CreateAuthenticator(TokenPath));
                Guard(() => auth.RequireTokens());
                _api = new KakaoApi(auth, Log);
            }

            try
            {
                WriteObject(WithHeldBack(Run(ct => _api.SendMemoAsync(request, ct), delivered => WriteObject(WithHeldBack(delivered, heldBack))), heldBack));
                WriteLoginReports();
                return true;
            }
            catch (KakaoException e)
            {
                WriteLoginReports();
                WriteKakaoError(request.Part is MemoText part && part.Parts > 1 ? e.WithNote(part.DeliveryNote()) : e,
                    request.Part?.Text ?? request.TemplateType);
                return false;
            }
        }

        private static KakaoMemoResult WithHeldBack(KakaoMemoResult result, int heldBack)
        {
            result.HeldBack = heldBack;
            return result;
        }

        private void Progress(string status, int percent)
        {
            _progressShown = true;
            WriteProgress(new ProgressRecord(1, Activity, status) { PercentComplete = percent });
        }
    }
}
