using System.Collections.Generic;
using System.Linq;
using KakaoPS.Configuration;
using KakaoPS.Errors;
using KakaoPS.Models;
using KakaoPS.Resources;
using KakaoPS.Templates;

namespace KakaoPS.Memo
{
    /// <summary>
    /// Composes text memos: the text fitted to Kakao's 200 characters (<see cref="MemoTextBuilder"/>),
    /// each part in a text template with the message's link and buttons, every part checked before
    /// the first is sent. Made once per command, before any input is read, so a bad link or button
    /// stops the command first.
    /// </summary>
    internal sealed class MemoComposer
    {
        private readonly string? _title;
        private readonly MemoOverflow _overflow;
        private readonly int _maxMessages;
        private readonly bool _keepEnd;
        private readonly TextTemplate _look;

        /// <param name="title">The first line of every part.</param>
        /// <param name="overflow">What happens to text beyond 200 characters.</param>
        /// <param name="maxMessages">The most parts -Overflow Split may make.</param>
        /// <param name="keepEnd">Piped text keeps its end (where builds report failures); given text keeps its start.</param>
        /// <param name="look">The link and buttons of every part; its text is ignored.</param>
        /// <param name="configuration">Where the link used when none is given comes from.</param>
        public MemoComposer(string? title, MemoOverflow overflow, int maxMessages, bool keepEnd, TextTemplate look, KakaoConfiguration configuration)
        {
            _title = title;
            _overflow = overflow;
            _maxMessages = maxMessages;
            _keepEnd = keepEnd;
            _look = look;

            TextTemplate.ValidateUrl(look.WebUrl, "WebUrl");
            TextTemplate.ValidateUrl(look.MobileWebUrl, "MobileWebUrl");
            if (look.WebUrl == null && look.MobileWebUrl == null)
            {
                look.FallbackWebUrl = TextTemplate.ConfiguredFallback(configuration);
            }

            // Without links or buttons every part of the template is the module's own, and each part is checked before it is sent.
            if (look.Buttons != null || look.ButtonTitle != null || look.WebUrl != null || look.MobileWebUrl != null)
            {
                Template("-").ToTemplate();
            }
        }

        /// <summary>A builder for one message: the lines added to it become its parts.</summary>
        public MemoTextBuilder NewMessage() => new MemoTextBuilder(_title, _overflow, _maxMessages, _keepEnd);

        /// <summary>The requests that send <paramref name="parts"/>, blank parts left out; a part Kakao's rules refuse is an error.</summary>
        public List<MemoRequest> Requests(IReadOnlyList<MemoText> parts) =>
            parts.Where(part => !string.IsNullOrWhiteSpace(part.Text))
                .Select(part => MemoRequest.Default(Template(part.Text).ToTemplate(), part))
                .ToList();

        /// <summary>No text was given or piped in.</summary>
        public static KakaoException NothingToSend() =>
            new KakaoException("EmptyMessage", KakaoErrorKind.InvalidArgument, MemoMessages.NothingToSend, MemoMessages.NothingToSendAction);

        /// <summary>A part that holds only white space, which Kakao refuses.</summary>
        public static KakaoException EmptyPart() =>
            new KakaoException("EmptyMessage", KakaoErrorKind.InvalidArgument, MemoMessages.MessageEmpty, MemoMessages.MessageEmptyAction);

        private TextTemplate Template(string text) => new TextTemplate
        {
            Text = text,
            WebUrl = _look.WebUrl,
            MobileWebUrl = _look.MobileWebUrl,
            ButtonTitle = _look.ButtonTitle,
            Buttons = _look.Buttons,
            FallbackWebUrl = _look.FallbackWebUrl,
        };
    }
}
