using System;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
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
        private const string Activity = "Send-KakaoMemo";

        private MemoSend? _send;
        private PipelineText? _pipelineText;
        private MemoRequest? _request;
        private KakaoApi? _api;

        // Kept as a number: a cmdlet's fields hold no value type of KakaoPS.Core, so that PowerShell
        // can list the cmdlets before the compiled core is loaded (PowerShellAdapter/CompiledCore).
        private int? _overflow;

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
        public MemoOverflow? Overflow
        {
            get => (MemoOverflow?)_overflow;
            set => _overflow = (int?)value;
        }

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

                _request = ParameterSetName switch
                {
                    TemplateSet => MemoRequest.Default(TemplateValidator.Validate(PowerShellValue.ToPlain(Template))),
                    CustomSet => MemoRequest.Custom(TemplateId!.Value, PowerShellValue.ToPlain(TemplateArgs)),
                    ScrapSet => MemoRequest.Scrap(ScrapUrl!, TemplateId, PowerShellValue.ToPlain(TemplateArgs)),
                    _ => null,
                };
                MemoComposer? composer = null;
                if (_request == null)
                {
                    composer = new MemoComposer(Title, OverflowMode, MaxMessages, keepEnd: Piped, new TextTemplate
                    {
                        WebUrl = WebUrl,
                        MobileWebUrl = MobileWebUrl,
                        ButtonTitle = ButtonTitle,
                        Buttons = Button,
                    }, Configuration);
                    _pipelineText = new PipelineText(InvokeCommand);
                }

                _send = new MemoSend(composer, Text, Each, Piped, new MemoSendHost(this), host => new ThrottledDelivery(throttler, host));
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
                _send!.Take(template);
                return;
            }

            // With -Each an item is formatted at once: it is a message of its own.
            _send!.Take(_pipelineText!.Lines(input, flush: Each));
        }

        protected override void EndProcessing() => StopsQuietly(Finish);

        private void Finish()
        {
            if (_request != null)
            {
                _send!.Send(_request);
                return;
            }

            _send!.Finish(_pipelineText!.Flush());
        }

        /// <summary>
        /// What MemoSend asks of the command. A nested class, not an interface of the command: a
        /// cmdlet's public type loads without KakaoPS.Core (see PowerShellAdapter/CompiledCore).
        /// </summary>
        private sealed class MemoSendHost : IMemoSendHost
        {
            private readonly SendKakaoMemoCommand _command;

            public MemoSendHost(SendKakaoMemoCommand command) => _command = command;

            public T Checked<T>(Func<T> step) => _command.Guard(step);

            public bool ShouldProcess(string verboseDescription, string verboseWarning, string caption) =>
                _command.ShouldProcess(verboseDescription, verboseWarning, caption);

            public void WriteProgress(string status, int percent) =>
                _command.WriteProgress(new ProgressRecord(1, Activity, status) { PercentComplete = percent });

            public void CompleteProgress(string status) =>
                _command.WriteProgress(new ProgressRecord(1, Activity, status) { RecordType = ProgressRecordType.Completed });

            public void WriteWarning(string text) => _command.WriteWarning(text);

            public void WriteVerbose(string text) => _command.WriteVerbose(text);

            public void WriteError(KakaoException error, object? target) => _command.WriteKakaoError(error, target);

            public void WriteResult(KakaoMemoResult result) => _command.WriteObject(result);

            public void WriteLoginReports() => _command.WriteLoginReports();

            public Func<MemoRequest, CancellationToken, Task<KakaoMemoResult>> Connect()
            {
                _command._api ??= _command.ConnectedApi();
                return _command._api.SendMemoAsync;
            }

            public T Run<T>(Func<CancellationToken, Task<T>> work, Action<T>? completedAnyway) => _command.Run(work, completedAnyway);

            public void Run(Func<CancellationToken, Task> work) => _command.Run(work);
        }
    }
}
