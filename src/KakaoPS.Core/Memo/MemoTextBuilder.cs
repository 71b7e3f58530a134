using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using KakaoPS.Errors;
using KakaoPS.Models;
using KakaoPS.Resources;

namespace KakaoPS.Memo
{
    /// <summary>
    /// Turns streamed lines into text that fits Kakao's text template (200 characters, counted
    /// in UTF-16 units as Kakao's servers count string length; an emoji counts two). Only what
    /// can still be sent is kept, so memory stays flat however much is piped in. Whatever is
    /// left out is marked inside the message and counted as the user counts characters.
    /// </summary>
    internal sealed class MemoTextBuilder
    {
        public const int MaxLength = 200;

        private readonly string? _title;
        private readonly MemoOverflow _overflow;
        private readonly int _maxMessages;
        private readonly bool _keepEnd;
        private readonly LinkedList<string> _kept = new LinkedList<string>();
        private readonly LinkedList<string?> _keptHeaders = new LinkedList<string?>(); // each kept line's table header
        private int _keptLength = -1; // joined length: lines plus the newlines between them
        private int _droppedLines;
        private long _droppedCharacters;
        private long _droppedElements;

        /// <param name="keepEnd">With Split: what -MaxMessages leaves out is the start (piped input, as Tail) rather than the end.</param>
        public MemoTextBuilder(string? title, MemoOverflow overflow, int maxMessages = 10, bool keepEnd = false)
        {
            _title = string.IsNullOrWhiteSpace(title) ? null : title;
            _overflow = overflow;
            _maxMessages = Math.Max(1, maxMessages);
            _keepEnd = overflow == MemoOverflow.Tail || (overflow == MemoOverflow.Split && keepEnd);
        }

        /// <summary>Adds text; line breaks in it start new lines.</summary>
        public void Add(string text) => Add(new MemoLine(text));

        /// <summary>Adds lines, in order.</summary>
        internal void Add(IEnumerable<MemoLine> lines)
        {
            foreach (var line in lines)
            {
                Add(line);
            }
        }

        /// <summary>Adds a line (a table row knows its table's header, which a cut puts back).</summary>
        internal void Add(MemoLine line)
        {
            var text = line.Text;
            // Most piped items are one line: skip the copies that splitting would make.
            if (text.IndexOf('\n') < 0)
            {
                AddLine(text, line.TableHeader);
                return;
            }

            foreach (var part in text.Replace("\r\n", "\n").Split('\n'))
            {
                AddLine(part, line.TableHeader);
            }
        }

        /// <summary>What can be sent at most: one message, or -MaxMessages of them with Split.</summary>
        private int Capacity => _overflow == MemoOverflow.Split ? MaxLength * _maxMessages : MaxLength;

        private void AddLine(string line, string? header)
        {
            if (!_keepEnd && _keptLength >= Capacity)
            {
                Drop(line);
                return;
            }

            Keep(line, header);

            // Keeping the end: drop from the front while what remains still fills everything that can be sent.
            while (_keepEnd && _kept.Count > 1 && _keptLength - _kept.First!.Value.Length - 1 >= Capacity)
            {
                var first = _kept.First.Value;
                _kept.RemoveFirst();
                _keptHeaders.RemoveFirst();
                _keptLength -= first.Length + 1;
                Drop(first);
            }
        }

        /// <summary>
        /// The messages to send: one, unless the overflow mode is Split. A <paramref name="note"/>
        /// (one short line) ends the last message and counts toward its 200 characters: the text
        /// is shortened to make room for it, as -Overflow says, and the note is never cut. With
        /// Error, text that fits without the note is sent without it rather than refused.
        /// </summary>
        public IReadOnlyList<MemoText> Build(string? note = null)
        {
            var prefix = _title == null ? string.Empty : _title + "\n";
            var lines = _kept.ToList();
            var headers = _keptHeaders.ToList();
            var noteRoom = note == null ? 0 : note.Length + 1;
            if (_droppedLines == 0 && prefix.Length + Math.Max(0, _keptLength) + noteRoom <= MaxLength)
            {
                return new[] { WithNote(new MemoText { Text = prefix + string.Join("\n", lines) }, note) };
            }

            switch (_overflow)
            {
                case MemoOverflow.Error:
                    if (note != null)
                    {
                        return Build(null);
                    }

                    throw new KakaoException("MemoTooLong", KakaoErrorKind.InvalidArgument,
                        string.Format(CultureInfo.CurrentCulture, MemoMessages.MemoTooLong, TotalCharacters + prefix.Length, MaxLength),
                        MemoMessages.MemoTooLongAction);
                case MemoOverflow.Split:
                    return Split(lines, headers, note);
                default:
                    return new[] { Cut(prefix, lines, headers, note) };
            }
        }

        private static MemoText WithNote(MemoText part, string? note)
        {
            if (note != null)
            {
                part.Text += "\n" + note;
                part.Note = note;
            }

            return part;
        }

        private long TotalCharacters => _droppedCharacters + Math.Max(0, _keptLength);

        /// <summary>Tail or Head: one message, the far lines replaced by a marker.</summary>
        private MemoText Cut(string prefix, List<string> lines, List<string?> headers, string? note)
        {
            var omittedLines = _droppedLines;
            var omittedElements = _droppedElements;
            while (true)
            {
                var marker = omittedLines > 0 ? Marker(omittedLines) : null;
                var header = marker != null ? LostHeader(headers) : null;
                var budget = MaxLength - prefix.Length - (marker == null ? 0 : marker.Length + 1) - (header == null ? 0 : header.Length + 1) - (note == null ? 0 : note.Length + 1);
                var joined = string.Join("\n", lines);
                if (joined.Length > budget && lines.Count > 1)
                {
                    omittedElements += TextElements.Count(RemoveFar(lines, headers));
                    omittedLines++;
                    continue;
                }

                if (joined.Length > budget)
                {
                    // One line longer than the room left: keep its end (or start), marked with an ellipsis.
                    var piece = _keepEnd ? TextElements.Tail(joined, budget - 1) : TextElements.Head(joined, budget - 1);
                    omittedElements += TextElements.Count(joined) - TextElements.Count(piece);
                    joined = _keepEnd ? "…" + piece : piece + "…";
                }

                var text = prefix + WithMarker(header == null ? joined : header + "\n" + joined, marker);
                return Cutting(WithNote(new MemoText { Text = text }, note), omittedLines, omittedElements, byMaxMessages: false);
            }
        }

        /// <summary>
        /// Split: numbered parts, each sized with the header it is sent with. Past -MaxMessages the far
        /// lines are replaced by a marker inside the messages, as Tail and Head do.
        /// </summary>
        private List<MemoText> Split(List<string> lines, List<string?> headers, string? note)
        {
            if (_droppedLines == 0)
            {
                for (var parts = 2; parts <= _maxMessages;)
                {
                    var chunks = Chunk(note == null ? lines : lines.Concat(new[] { note }).ToList(), Budget(parts));
                    if (chunks.Count <= parts)
                    {
                        return Number(chunks, note);
                    }

                    parts = chunks.Count;
                }
            }

            var budget = Budget(_maxMessages);
            var omittedLines = _droppedLines;
            var omittedElements = _droppedElements;
            var room = (long)budget * _maxMessages - (note == null ? 0 : note.Length + 1);

            // Most of the cut in one step: what cannot fit even packed without waste.
            while (lines.Count > 1 && lines.Sum(l => (long)l.Length + 1) > room)
            {
                omittedElements += TextElements.Count(RemoveFar(lines, headers));
                omittedLines++;
            }

            var lineRoom = int.MaxValue;
            while (true)
            {
                var marker = omittedLines > 0 ? Marker(omittedLines) : null;
                var content = lines.ToList();
                if (lineRoom < int.MaxValue)
                {
                    // One line is left and still too long: keep its end (or start), marked with an ellipsis.
                    var line = lines[0];
                    var piece = _keepEnd ? TextElements.Tail(line, lineRoom) : TextElements.Head(line, lineRoom);
                    content[0] = _keepEnd ? "…" + piece : piece + "…";
                }

                if (marker != null)
                {
                    if (LostHeader(headers) is string header)
                    {
                        content.Insert(0, header);
                    }

                    content.Insert(_keepEnd ? 0 : content.Count, marker);
                }

                var pieceIndex = content.Count - (marker != null && !_keepEnd ? 2 : 1);
                if (note != null)
                {
                    content.Add(note);
                }

                var chunks = Chunk(content, budget);
                if (chunks.Count <= _maxMessages)
                {
                    if (lineRoom < int.MaxValue)
                    {
                        var piece = content[pieceIndex];
                        omittedElements += TextElements.Count(lines[0]) - (TextElements.Count(piece) - 1);
                    }

                    var numbered = Number(chunks, note);
                    foreach (var part in numbered)
                    {
                        part.Truncated = true;
                        part.OmittedLines = omittedLines;
                        part.OmittedCharacters = (int)Math.Min(int.MaxValue, omittedElements);
                    }

                    Cutting(numbered[0], omittedLines, omittedElements, byMaxMessages: true);
                    return numbered;
                }

                if (lines.Count > 1)
                {
                    omittedElements += TextElements.Count(RemoveFar(lines, headers));
                    omittedLines++;
                    continue;
                }

                // First guess: everything the parts hold; then less, as cuts between text elements waste a little.
                lineRoom = lineRoom == int.MaxValue
                    ? (int)Math.Min(lines[0].Length, room - (marker == null ? 0 : marker.Length + 1) - 1)
                    : Math.Max(0, lineRoom - 2);
            }
        }

        /// <summary>Room for text in one of <paramref name="parts"/> numbered parts: the widest header is the last one's.</summary>
        private int Budget(int parts) => MaxLength - Header(parts, parts).Length - 1;

        /// <summary>Numbered parts; the last one carries the <paramref name="note"/> its chunk ends with.</summary>
        private List<MemoText> Number(List<string> chunks, string? note) =>
            chunks.Select((chunk, i) => new MemoText
            {
                Text = Header(i + 1, chunks.Count) + "\n" + chunk,
                Part = i + 1,
                Parts = chunks.Count,
                Note = i == chunks.Count - 1 ? note : null,
            }).ToList();

        /// <summary>Removes the line farthest from the end that is kept and returns it.</summary>
        private string RemoveFar(List<string> lines, List<string?> headers)
        {
            var index = _keepEnd ? 0 : lines.Count - 1;
            var line = lines[index];
            lines.RemoveAt(index);
            headers.RemoveAt(index);
            return line;
        }

        /// <summary>When the start was cut inside a table: its header line, put back above the rows that are kept.</summary>
        private string? LostHeader(List<string?> headers) => _keepEnd && headers.Count > 0 ? headers[0] : null;

        private string WithMarker(string text, string? marker) =>
            marker == null ? text : _keepEnd ? marker + "\n" + text : text + "\n" + marker;

        private MemoText Cutting(MemoText part, int omittedLines, long omittedElements, bool byMaxMessages)
        {
            part.Truncated = true;
            part.OmittedLines = omittedLines;
            part.OmittedCharacters = (int)Math.Min(int.MaxValue, omittedElements);
            var what = omittedLines > 1
                ? string.Format(CultureInfo.CurrentCulture, MemoMessages.LinesAndCharacters, omittedLines, part.OmittedCharacters)
                : string.Format(CultureInfo.CurrentCulture, part.OmittedCharacters == 1 ? MemoMessages.OneCharacter : MemoMessages.Characters, part.OmittedCharacters);
            part.CutWarning = byMaxMessages
                ? string.Format(CultureInfo.CurrentCulture, MemoMessages.CutByMaxMessages, _maxMessages, MaxLength, what)
                : string.Format(CultureInfo.CurrentCulture, MemoMessages.Cut, MaxLength, what);
            return part;
        }

        private string Header(int part, int parts) => _title == null ? $"({part}/{parts})" : $"{_title} ({part}/{parts})";

        /// <summary>Packs lines into chunks of at most <paramref name="budget"/>; a longer line is cut between text elements and fills the chunk it starts in.</summary>
        private static List<string> Chunk(List<string> lines, int budget)
        {
            var chunks = new List<string>();
            var current = string.Empty;
            var started = false;
            foreach (var line in lines)
            {
                var candidate = started ? current + "\n" + line : line;
                if (candidate.Length <= budget)
                {
                    current = candidate;
                    started = true;
                    continue;
                }

                var rest = line;
                if (started)
                {
                    if (line.Length > budget && budget - current.Length - 1 > 0)
                    {
                        var head = TextElements.Head(rest, budget - current.Length - 1);
                        if (head.Length > 0)
                        {
                            current += "\n" + head;
                            rest = rest.Substring(head.Length);
                        }
                    }

                    chunks.Add(current);
                }

                while (rest.Length > budget)
                {
                    var piece = TextElements.Head(rest, budget);
                    chunks.Add(piece);
                    rest = rest.Substring(piece.Length);
                }

                current = rest;
                started = true;
            }

            if (started)
            {
                chunks.Add(current);
            }

            return chunks;
        }

        /// <summary>The line that stands for left-out lines inside the message, in the UI culture's language: it reaches the phone.</summary>
        private static string Marker(int omittedLines) =>
            omittedLines == 1 ? MemoMessages.LeftOutLine : string.Format(CultureInfo.CurrentCulture, MemoMessages.LeftOutLines, omittedLines);

        private void Keep(string line, string? header)
        {
            _kept.AddLast(line);
            _keptHeaders.AddLast(header);
            _keptLength += line.Length + 1;
        }

        private void Drop(string line)
        {
            _droppedLines++;
            _droppedCharacters += line.Length + 1;
            _droppedElements += TextElements.Count(line);
        }
    }
}
