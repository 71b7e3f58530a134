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
    public sealed class SendKakaoMemoCommand : KakaoRequestCmdlet, IMemoDeliveryHost
    {
        private const string TextSet = "Text";
        private const string TemplateSet = "Template";
        private const string CustomSet = "Custom";
        private const string ScrapSet = "Scrap";
        private const string Activity = "Send-KakaoMemo";

        private MemoComposer? _composer;
        private MemoTextBuilder? _builder;
        private PipelineText? _pipelineText;
        private MemoRequest? _request;
        private KakaoApi? _api;
        private ThrottledDelivery? _delivery;
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

        protected override void BeginProcessing() => StopsQuietly(SetUp);

        private void SetUp()
        {
            // Everything is checked before anything is sent, and without a token.
            Guard(() =>
            {
                Throttler.CheckParameters(Throttle, ThrottleKey);
                Throttler? throttler = null;
                if (Throttle is TimeSpan window)
                {
                    // Beside the token file: every process of the user that uses that login shares it.
                    var folder = ThrottleFolder.Beside(OpenTokenStore(TokenPath).Path);
                    folder.Warning = Log.Warning;
                    throttler = new Throttler(window, ThrottleKey, folder);
                }

                _delivery = new ThrottledDelivery(throttler, this);

                _request = ParameterSetName switch
                {
                    TemplateSet => MemoRequest.Default(TemplateValidator.Validate(PowerShellValue.ToPlain(Template))),
                    CustomSet => MemoRequest.Custom(TemplateId!.Value, PowerShellValue.ToPlain(TemplateArgs)),
                    ScrapSet => MemoRequest.Scrap(ScrapUrl!, TemplateId, PowerShellValue.ToPlain(TemplateArgs)),
                    _ => null,
                };
                if (_request == null)
                {
                    _composer = new MemoComposer(Title, OverflowMode, MaxMessages, keepEnd: Piped, new TextTemplate
                    {
                        WebUrl = WebUrl,
                        MobileWebUrl = MobileWebUrl,
                        ButtonTitle = ButtonTitle,
                        Buttons = Button,
                    }, Configuration);
                    _pipelineText = new PipelineText(InvokeCommand);
                    _builder = _composer.NewMessage();
                }
            });
        }

        protected override void ProcessRecord() => StopsQuietly(TakeInput);

        private void TakeInput()
        {
            if (_request != null || !Piped)
            {
                return;
            }

            foreach (var item in PowerShellValue.InputItems(InputObject, MyInvocation.ExpectingInput))
            {
                Take(item);
            }
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

            _builder!.Add(_pipelineText!.Lines(input, flush: false));
        }

        protected override void EndProcessing() => StopsQuietly(Finish);

        private void Finish()
        {
            if (_request != null)
            {
                SendMessage(new[] { _request }, streamed: false);
                return;
            }

            if (_pipelineText!.HasPending)
            {
                _builder!.Add(_pipelineText.Flush());
            }

            if (Text == null && !_receivedText)
            {
                // -Each: no input is no message (one per failed test, and none failed).
                if (_messages == 0 && !(Each && Piped))
                {
                    Guard(() => throw MemoComposer.NothingToSend());
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

        /// <summary>-Each: one message for these lines.</summary>
        private void SendOnItsOwn(IEnumerable<MemoLine> lines)
        {
            var single = _composer!.NewMessage();
            single.Add(lines);

            SendText(single, streamed: true);
        }

        /// <summary>Every part is checked before the first is sent; a part Kakao refuses says which were delivered.</summary>
        private void SendText(MemoTextBuilder builder, bool streamed)
        {
            var parts = Guard(() => builder.Build());
            foreach (var part in parts)
            {
                if (string.IsNullOrWhiteSpace(part.Text))
                {
                    WriteKakaoError(MemoComposer.EmptyPart(), part.Text);
                }
            }

            var requests = Guard(() => _composer!.Requests(parts));
            if (requests.Count > 0 && requests[0].Part!.CutWarning is string warning)
            {
                WriteWarning(warning);
            }

            SendMessage(requests, streamed, note =>
            {
                // The held-back note takes room: the text is fitted again, and a cut it causes is said.
                var noted = Guard(() => _composer!.Requests(builder.Build(note)));
                if (noted.Count > 0 && noted[0].Part!.CutWarning is string cut && cut != requests[0].Part!.CutWarning)
                {
                    WriteWarning(cut);
                }

                return noted;
            });
        }

        /// <summary>Sends one message (see <see cref="ThrottledDelivery"/>); <paramref name="withNote"/> rebuilds its parts with the held-back note.</summary>
        private void SendMessage(IReadOnlyList<MemoRequest> requests, bool streamed, Func<string, IReadOnlyList<MemoRequest>>? withNote = null) =>
            _delivery!.Send(requests, streamed, withNote);

        /// <summary>Counts a message, shows progress for a part or a streamed message from the second on, and asks ShouldProcess (-WhatIf, -Confirm).</summary>
        bool IMemoDeliveryHost.Announce(MemoRequest request, int parts, bool streamed)
        {
            if (parts > 1)
            {
                Progress(string.Format(CultureInfo.CurrentCulture, MemoMessages.SendingPart, request.Part!.Part, request.Part.Parts), (request.Part.Part - 1) * 100 / request.Part.Parts);
            }

            _messages++;
            if (streamed && parts == 1 && _messages > 1)
            {
                Progress(string.Format(CultureInfo.CurrentCulture, MemoMessages.SendingMessage, _messages), -1);
            }

            var description = request.Description;
            return ShouldProcess(string.Format(CultureInfo.CurrentCulture, MemoMessages.WhatIf, description),
                string.Format(CultureInfo.CurrentCulture, MemoMessages.ConfirmQuery, description), MemoMessages.ConfirmCaption);
        }

        T IMemoDeliveryHost.Run<T>(Func<System.Threading.CancellationToken, System.Threading.Tasks.Task<T>> work, Action<T>? completedAnyway) => Run(work, completedAnyway);

        void IMemoDeliveryHost.Run(Func<System.Threading.CancellationToken, System.Threading.Tasks.Task> work) => Run(work);

        void IMemoDeliveryHost.WriteHeldBack(IReadOnlyList<MemoRequest> requests, int held)
        {
            foreach (var request in requests)
            {
                WriteObject(MemoResults.Held(request, held));
            }
        }

        /// <summary>Sends one message and writes its result; <paramref name="accepted"/> as soon as Kakao has taken it.</summary>
        /// <returns>False when Kakao refused it.</returns>
        bool IMemoDeliveryHost.Deliver(MemoRequest request, int heldBack, Action accepted)
        {
            _api ??= ConnectedApi();

            try
            {
                var delivered = Run(ct => _api.SendMemoAsync(request, ct), anyway =>
                {
                    accepted();
                    WriteObject(WithHeldBack(anyway, heldBack));
                });
                accepted();
                WriteObject(WithHeldBack(delivered, heldBack));
                return true;
            }
            catch (KakaoException e)
            {
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
