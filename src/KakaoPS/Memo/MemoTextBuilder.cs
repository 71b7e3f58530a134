using System;
using System.Collections.Generic;
using System.Linq;
using KakaoPS.Errors;
using KakaoPS.Models;

namespace KakaoPS.Memo
{
    /// <summary>One message's text after the 200-character rule was applied.</summary>
    internal sealed class MemoText
    {
        public string Text { get; set; } = string.Empty;
        public int Part { get; set; } = 1;
        public int Parts { get; set; } = 1;
        public bool Truncated { get; set; }
        public int OmittedCharacters { get; set; }
        public int OmittedLines { get; set; }
    }

    /// <summary>
    /// Turns streamed lines into text that fits Kakao's text template (200 characters, counted
    /// in UTF-16 units as Kakao's servers count string length; an emoji counts two). Only what
    /// can still be sent is kept, so memory stays flat however much is piped in.
    /// </summary>
    internal sealed class MemoTextBuilder
    {
        public const int MaxLength = 200;

        private readonly string? _title;
        private readonly MemoOverflow _overflow;
        private readonly int _maxMessages;
        private readonly LinkedList<string> _kept = new LinkedList<string>();
        private int _keptLength = -1; // joined length: lines plus the newlines between them
        private int _droppedLines;
        private long _droppedCharacters;
        private long _lineCount;

        public MemoTextBuilder(string? title, MemoOverflow overflow, int maxMessages = 10)
        {
            _title = string.IsNullOrWhiteSpace(title) ? null : title;
            _overflow = overflow;
            _maxMessages = Math.Max(1, maxMessages);
        }

        public bool IsEmpty => _lineCount == 0;

        /// <summary>Adds text; line breaks in it start new lines.</summary>
        public void Add(string text)
        {
            // Most piped items are one line: skip the copies that splitting would make.
            if (text.IndexOf('\n') < 0)
            {
                AddLine(text);
                return;
            }

            foreach (var line in text.Replace("\r\n", "\n").Split('\n'))
            {
                AddLine(line);
            }
        }

        private void AddLine(string line)
        {
            _lineCount++;
            if (_overflow == MemoOverflow.Head || _overflow == MemoOverflow.Error || _overflow == MemoOverflow.Split)
            {
                var capacity = _overflow == MemoOverflow.Split ? MaxLength * _maxMessages : MaxLength;
                if (_keptLength >= capacity)
                {
                    Drop(line);
                    return;
                }
            }

            Keep(line);

            // Tail: drop from the front while what remains still fills a whole message.
            while (_overflow == MemoOverflow.Tail && _kept.Count > 1 && _keptLength - _kept.First!.Value.Length - 1 >= MaxLength)
            {
                var first = _kept.First.Value;
                _kept.RemoveFirst();
                _keptLength -= first.Length + 1;
                Drop(first);
            }
        }

        /// <summary>The messages to send: one, unless the overflow mode is Split.</summary>
        public IReadOnlyList<MemoText> Build()
        {
            var prefix = _title == null ? string.Empty : _title + "\n";
            var lines = _kept.ToList();
            if (_droppedLines == 0 && prefix.Length + Math.Max(0, _keptLength) <= MaxLength)
            {
                return new[] { new MemoText { Text = prefix + string.Join("\n", lines) } };
            }

            switch (_overflow)
            {
                case MemoOverflow.Error:
                    throw new KakaoException("MemoTooLong", KakaoErrorKind.InvalidArgument,
                        $"The message has {TotalCharacters + prefix.Length} characters; a KakaoTalk text message holds {MaxLength}.",
                        "Shorten the text, or pass -Overflow Tail, Head or Split.");
                case MemoOverflow.Split:
                    return Split(lines);
                default:
                    return new[] { Cut(prefix, lines, keepEnd: _overflow == MemoOverflow.Tail) };
            }
        }

        private long TotalCharacters => _droppedCharacters + Math.Max(0, _keptLength);

        private MemoText Cut(string prefix, List<string> lines, bool keepEnd)
        {
            var omittedLines = _droppedLines;
            while (true)
            {
                var marker = omittedLines > 0 ? Marker(omittedLines) + "\n" : string.Empty;
                var budget = MaxLength - prefix.Length - marker.Length;
                var joined = string.Join("\n", lines);
                if (joined.Length <= budget)
                {
                    return Result(keepEnd ? prefix + marker + joined : prefix + joined + (marker.Length > 0 ? "\n" + marker.TrimEnd('\n') : string.Empty), joined.Length, omittedLines);
                }

                if (lines.Count > 1)
                {
                    lines.RemoveAt(keepEnd ? 0 : lines.Count - 1);
                    omittedLines++;
                    continue;
                }

                // One line longer than the room left: keep its end (or start), marked with an ellipsis.
                var room = Math.Max(0, budget - 1);
                var piece = keepEnd ? TextElements.Tail(joined, room) : TextElements.Head(joined, room);
                var text = keepEnd ? prefix + marker + "…" + piece : prefix + piece + "…" + (marker.Length > 0 ? "\n" + marker.TrimEnd('\n') : string.Empty);
                return Result(text, piece.Length, omittedLines);
            }
        }

        private IReadOnlyList<MemoText> Split(List<string> lines)
        {
            var parts = 2;
            while (true)
            {
                var header = Header(parts, parts);
                var chunks = Chunk(lines, MaxLength - header.Length - 1);
                if (chunks.Count <= parts || chunks.Count > _maxMessages)
                {
                    if (chunks.Count > _maxMessages)
                    {
                        chunks = chunks.Take(_maxMessages).ToList();
                    }

                    var total = chunks.Count;
                    var keptCharacters = chunks.Sum(c => c.Length);
                    var omitted = (int)Math.Max(0, TotalCharacters - keptCharacters - (total - 1));
                    var truncated = _droppedLines > 0 || keptCharacters + total - 1 < TotalCharacters;
                    var omittedLines = _droppedLines + lines.Count - LinesWithin(lines, keptCharacters + total - 1);
                    return chunks.Select((chunk, i) => new MemoText
                    {
                        Text = Header(i + 1, total) + "\n" + chunk,
                        Part = i + 1,
                        Parts = total,
                        Truncated = truncated,
                        OmittedCharacters = truncated ? omitted : 0,
                        OmittedLines = omittedLines,
                    }).ToList();
                }

                parts = chunks.Count;
            }
        }

        /// <summary>How many of <paramref name="lines"/>, joined, fit whole in the first <paramref name="length"/> characters.</summary>
        private static int LinesWithin(List<string> lines, long length)
        {
            var used = -1L;
            var count = 0;
            foreach (var line in lines)
            {
                used += line.Length + 1;
                if (used > length)
                {
                    break;
                }

                count++;
            }

            return count;
        }

        private string Header(int part, int parts) => _title == null ? $"({part}/{parts})" : $"{_title} ({part}/{parts})";

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

                if (started)
                {
                    chunks.Add(current);
                }

                var rest = line;
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

        private MemoText Result(string text, int keptCharacters, int omittedLines) => new MemoText
        {
            Text = text,
            Truncated = true,
            OmittedCharacters = (int)Math.Min(int.MaxValue, Math.Max(0, TotalCharacters - keptCharacters)),
            OmittedLines = omittedLines,
        };

        private static string Marker(int omittedLines) => omittedLines == 1 ? "… (+1 line)" : $"… (+{omittedLines} lines)";

        private void Keep(string line)
        {
            _kept.AddLast(line);
            _keptLength += line.Length + 1;
        }

        private void Drop(string line)
        {
            _droppedLines++;
            _droppedCharacters += line.Length + 1;
        }
    }
}
