using System;
using System.Collections.Generic;

namespace KakaoPS.Memo
{
    /// <summary>How a command's messages are sent (Throttling/ThrottledDelivery): each message its parts in order.</summary>
    internal interface IMemoDelivery
    {
        /// <param name="requests">The parts of one message.</param>
        /// <param name="streamed">One of several messages of the command (piped, -Each).</param>
        /// <param name="withNote">Rebuilds the parts with the held-back note it is given; null for a template, which has no room for it.</param>
        void Send(IReadOnlyList<MemoRequest> requests, bool streamed, Func<string, IReadOnlyList<MemoRequest>>? withNote = null);
    }
}
