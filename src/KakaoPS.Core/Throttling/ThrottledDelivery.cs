using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using KakaoPS.Memo;
using KakaoPS.Resources;

namespace KakaoPS.Throttling
{
    /// <summary>
    /// Sends a command's messages, each its parts in order, the parts after a refused one left out;
    /// with -Throttle, one decision covers every part of a message. It is made when the first part
    /// is about to go (so -WhatIf records nothing) and recorded before anything is sent, so two
    /// processes never both send. Held back, each part gives a held-back result; sent after repeats
    /// were held back, the parts are rebuilt to say so. The reservation stands only for what reached
    /// Kakao: a part Kakao refuses, a failure before the request (not connected, no usable login) and a
    /// stopped command release it, so the next try is not held back.
    /// </summary>
    internal sealed class ThrottledDelivery : IMemoDelivery
    {
        private readonly Throttler? _throttler;
        private readonly IMemoDeliveryHost _host;

        public ThrottledDelivery(Throttler? throttler, IMemoDeliveryHost host)
        {
            _throttler = throttler;
            _host = host;
        }

        /// <inheritdoc/>
        public void Send(IReadOnlyList<MemoRequest> requests, bool streamed, Func<string, IReadOnlyList<MemoRequest>>? withNote = null)
        {
            var key = _throttler == null || requests.Count == 0 ? null : ThrottleKey.For(_throttler.UserKey, requests);
            ThrottleDecision? decision = null;
            ThrottleDecision? reservation = null;
            var tried = 0;
            var accepted = 0;
            try
            {
                for (var i = 0; i < requests.Count; i++)
                {
                    var request = requests[i];
                    if (!_host.Announce(request, requests.Count, streamed))
                    {
                        continue;
                    }

                    if (key != null && decision == null)
                    {
                        // A warning that stops the command (the throttle's, under $WarningPreference = 'Stop') comes
                        // after the decision was recorded: the reservation is still released on the way out.
                        decision = _host.Run(ct => _throttler!.DecideAsync(key, ct), recorded => reservation = recorded.Recorded && !recorded.Suppressed ? recorded : null);
                        if (decision.Suppressed)
                        {
                            _host.WriteVerbose(Throttler.HeldBackMessage(decision));
                            _host.WriteHeldBack(requests, decision.Held);
                            return;
                        }

                        reservation = decision.Recorded ? decision : null;
                        if (decision.Held > 0 && i == 0)
                        {
                            if (withNote != null)
                            {
                                // The note takes room: the text is fitted again, and may leave the note out.
                                requests = withNote(Throttler.Note(decision));
                                if (requests.All(r => r.Part!.Note == null))
                                {
                                    _host.WriteVerbose(string.Format(CultureInfo.CurrentCulture, ThrottleMessages.NoteLeftOut, decision.Held, Throttler.LocalTime(decision.HeldSince!.Value)));
                                }

                                request = requests[0];
                            }
                            else
                            {
                                _host.WriteVerbose(string.Format(CultureInfo.CurrentCulture, ThrottleMessages.TemplateNote, decision.Held, Throttler.LocalTime(decision.HeldSince!.Value)));
                            }
                        }
                    }

                    tried++;
                    if (!_host.Deliver(request, decision?.Held ?? 0, () => accepted++))
                    {
                        if (reservation != null)
                        {
                            var refused = reservation;
                            _host.Run(ct => _throttler!.ReleaseAsync(key!, refused, ct));
                            reservation = null;
                        }

                        if (requests.Count > 1)
                        {
                            return; // the parts after a refused one would arrive out of context
                        }
                    }
                }
            }
            catch when (reservation != null && (accepted == 0 || accepted < tried))
            {
                // Stopped, or a terminating error, before Kakao took any part or the part under way.
                ReleaseQuietly(key!, reservation);
                throw;
            }
        }

        /// <summary>Releases on the way out of a failure: not cancelled by the stop under way, and its own failure is not the one to report.</summary>
        private void ReleaseQuietly(string key, ThrottleDecision reservation)
        {
            try
            {
                _throttler!.ReleaseAsync(key, reservation, CancellationToken.None).GetAwaiter().GetResult();
            }
#pragma warning disable CA1031 // the failure that is propagating matters more than this clean-up's
            catch (Exception)
#pragma warning restore CA1031
            {
            }
        }
    }
}
