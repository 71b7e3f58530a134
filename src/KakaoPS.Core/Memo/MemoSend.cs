using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using KakaoPS.Errors;
using KakaoPS.Models;
using KakaoPS.Resources;

namespace KakaoPS.Memo
{
    /// <summary>
    /// One Send-KakaoMemo command's messages: the text given or piped in becomes one message (or one
    /// per item with -Each), a template is sent as it is, and each goes through the delivery
    /// (<see cref="IMemoDelivery"/>), counted for progress. What only the command can do (ask, write,
    /// connect) it asks its <see cref="IMemoSendHost"/>.
    /// </summary>
    internal sealed class MemoSend : IMemoDeliveryHost
    {
        private readonly MemoComposer? _composer;
        private readonly MemoTextBuilder? _builder;
        private readonly string? _text;
        private readonly bool _each;
        private readonly bool _piped;
        private readonly IMemoSendHost _host;
        private readonly IMemoDelivery _delivery;
        private bool _receivedText;
        private int _messages;
        private bool _progressShown;

        /// <param name="composer">How text becomes messages; null when the command sends a template.</param>
        /// <param name="text">-Text: sent after what was piped in, in the same message.</param>
        /// <param name="each">-Each: one message per piped item.</param>
        /// <param name="piped">Input was piped in (or given to -InputObject).</param>
        /// <param name="host">The command.</param>
        /// <param name="delivery">Makes the delivery that sends through this sender's <see cref="IMemoDeliveryHost"/>.</param>
        public MemoSend(MemoComposer? composer, string? text, bool each, bool piped, IMemoSendHost host, Func<IMemoDeliveryHost, IMemoDelivery> delivery)
        {
            _composer = composer;
            _builder = composer?.NewMessage();
            _text = text;
            _each = each;
            _piped = piped;
            _host = host;
            _delivery = delivery(this);
        }

        /// <summary>Sends a template as it is, as one of the command's messages (builder output piped in).</summary>
        public void Take(KakaoTemplate template) => _delivery.Send(new[] { MemoRequest.Default(template) }, streamed: true);

        /// <summary>The lines of one piped item: sent on their own with -Each, else added to the message.</summary>
        public void Take(IEnumerable<MemoLine> lines)
        {
            _receivedText = true;
            if (_each)
            {
                SendOnItsOwn(lines);
                return;
            }

            _builder!.Add(lines);
        }

        /// <summary>Sends the command's one request (-Template, -TemplateId, -ScrapUrl).</summary>
        public void Send(MemoRequest request) => _delivery.Send(new[] { request }, streamed: false);

        /// <summary>
        /// After the last item: the <paramref name="rest"/> of the piped lines and -Text are sent. No text
        /// at all is an error, unless -Each had no input (one message per failed test, and none failed).
        /// </summary>
        public void Finish(IEnumerable<MemoLine> rest)
        {
            _builder!.Add(rest);
            if (_text == null && !_receivedText)
            {
                if (_messages == 0 && !(_each && _piped))
                {
                    _host.Checked<bool>(() => throw MemoComposer.NothingToSend());
                }
            }
            else if (_each)
            {
                if (_text != null)
                {
                    SendOnItsOwn(new MemoLine[] { _text });
                }
            }
            else
            {
                if (_text != null)
                {
                    _builder.Add(_text);
                }

                SendText(_builder, streamed: false);
            }

            if (_progressShown)
            {
                _host.CompleteProgress(MemoMessages.SendingDone);
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
            var parts = _host.Checked(() => builder.Build());
            foreach (var part in parts)
            {
                if (string.IsNullOrWhiteSpace(part.Text))
                {
                    _host.WriteError(MemoComposer.EmptyPart(), part.Text);
                }
            }

            var requests = _host.Checked(() => _composer!.Requests(parts));
            if (requests.Count > 0 && requests[0].Part!.CutWarning is string warning)
            {
                _host.WriteWarning(warning);
            }

            _delivery.Send(requests, streamed, note =>
            {
                // The held-back note takes room: the text is fitted again, and a cut it causes is said.
                var noted = _host.Checked(() => _composer!.Requests(builder.Build(note)));
                if (noted.Count > 0 && noted[0].Part!.CutWarning is string cut && cut != requests[0].Part!.CutWarning)
                {
                    _host.WriteWarning(cut);
                }

                return noted;
            });
        }

        /// <summary>Counts a message, shows progress for a part or a streamed message from the second on, and asks ShouldProcess (-WhatIf, -Confirm).</summary>
        public bool Announce(MemoRequest request, int parts, bool streamed)
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
            return _host.ShouldProcess(string.Format(CultureInfo.CurrentCulture, MemoMessages.WhatIf, description),
                string.Format(CultureInfo.CurrentCulture, MemoMessages.ConfirmQuery, description), MemoMessages.ConfirmCaption);
        }

        /// <summary>Sends one message and writes its result, or its error (for a part, saying which parts were delivered).</summary>
        /// <returns>False when Kakao refused it.</returns>
        public bool Deliver(MemoRequest request, int heldBack, Action accepted)
        {
            var send = _host.Connect();

            try
            {
                var delivered = _host.Run(ct => send(request, ct), anyway =>
                {
                    accepted();
                    _host.WriteResult(MemoResults.WithHeldBack(anyway, heldBack));
                });
                accepted();
                _host.WriteResult(MemoResults.WithHeldBack(delivered, heldBack));
                _host.WriteLoginReports();
                return true;
            }
            catch (KakaoException e)
            {
                _host.WriteLoginReports();
                _host.WriteError(request.Part is MemoText part && part.Parts > 1 ? e.WithNote(part.DeliveryNote()) : e,
                    request.Part?.Text ?? request.TemplateType);
                return false;
            }
        }

        public void WriteHeldBack(IReadOnlyList<MemoRequest> requests, int held)
        {
            foreach (var request in requests)
            {
                _host.WriteResult(MemoResults.Held(request, held));
            }
        }

        public T Run<T>(Func<CancellationToken, Task<T>> work, Action<T>? completedAnyway = null) => _host.Run(work, completedAnyway);

        public void Run(Func<CancellationToken, Task> work) => _host.Run(work);

        public void WriteVerbose(string message) => _host.WriteVerbose(message);

        private void Progress(string status, int percent)
        {
            _progressShown = true;
            _host.WriteProgress(status, percent);
        }
    }
}
