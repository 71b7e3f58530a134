using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using KakaoPS.Resources;

namespace KakaoPS.Configuration
{
    /// <summary>
    /// Reads a .env file as python-dotenv (the lesson's library) writes them: <c>KEY=value</c>, an
    /// optional <c>export</c>, spaces around <c>=</c>, <c># comments</c>, single quotes (literal),
    /// double quotes (with <c>\n</c>-style escapes, across lines). Values are taken literally:
    /// <c>${VAR}</c> and <c>$VAR</c> are never expanded, so a file cannot pull a secret out of the
    /// environment into a value that is shown or sent. A line that cannot be read is reported and
    /// skipped; the rest of the file still counts.
    /// </summary>
    internal sealed class DotEnvFile
    {
        /// <summary>A .env file holds a few settings; anything larger is not one.</summary>
        public const int MaxBytes = 1024 * 1024;

        private readonly string _text;
        private readonly string _path;
        private int _position;
        private int _line = 1;

        private DotEnvFile(string path, string text)
        {
            _path = path;
            _text = text;
        }

        /// <summary>The values read.</summary>
        public Dictionary<string, string> Values { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

        /// <summary>What could not be read, one message per file or line, never quoting a value.</summary>
        public List<string> Problems { get; } = new List<string>();

        /// <summary>
        /// Reads <paramref name="path"/> if it is a regular file of at most <see cref="MaxBytes"/>;
        /// otherwise the result has no values and says why.
        /// </summary>
        public static DotEnvFile Read(string path)
        {
            string text;
            try
            {
                if (!RegularFiles.IsRegularFile(path))
                {
                    return Refused(path, string.Format(ConfigurationMessages.DotEnvNotRegularFile, path));
                }

                using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                var buffer = new byte[MaxBytes + 1];
                var length = 0;
                int read;
                while (length < buffer.Length && (read = stream.Read(buffer, length, buffer.Length - length)) > 0)
                {
                    length += read;
                }

                if (length > MaxBytes)
                {
                    return Refused(path, string.Format(ConfigurationMessages.DotEnvTooLarge, path, MaxBytes / (1024 * 1024)));
                }

                text = new UTF8Encoding(false, false).GetString(buffer, 0, length).TrimStart('\uFEFF');
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is NotSupportedException)
            {
                return Refused(path, string.Format(ConfigurationMessages.DotEnvUnreadable, path, e.Message));
            }

            var file = new DotEnvFile(path, text);
            file.Parse();
            return file;
        }

        private static DotEnvFile Refused(string path, string problem)
        {
            var file = new DotEnvFile(path, string.Empty);
            file.Problems.Add(problem);
            return file;
        }

        private bool AtEnd => _position >= _text.Length;

        private char Current => _text[_position];

        private void Parse()
        {
            while (true)
            {
                SkipBlankSpace(includingLineBreaks: true);
                if (AtEnd)
                {
                    return;
                }

                var statementLine = _line;
                var statementStart = _position;
                if (!TryStatement(out var problem))
                {
                    Problems.Add(string.Format(ConfigurationMessages.DotEnvLineIgnored, _path, statementLine, problem));
                    // As python-dotenv does: give up on this statement's first line and go on with the next.
                    _position = statementStart;
                    _line = statementLine;
                    SkipRestOfLine();
                }
            }
        }

        /// <summary>One <c>KEY=value</c>, a comment, or a bare key (which sets nothing).</summary>
        private bool TryStatement(out string problem)
        {
            problem = string.Empty;
            if (Current == '#')
            {
                SkipRestOfLine();
                return true;
            }

            if (_text.Length - _position > 7 && string.CompareOrdinal(_text, _position, "export", 0, 6) == 0 && (_text[_position + 6] == ' ' || _text[_position + 6] == '\t'))
            {
                _position += 6;
                SkipBlankSpace(includingLineBreaks: false);
            }

            var key = ReadKey();
            if (key.Length == 0)
            {
                problem = ConfigurationMessages.DotEnvNotKeyValue;
                return false;
            }

            SkipBlankSpace(includingLineBreaks: false);
            if (AtEnd || Current == '\n' || Current == '\r' || Current == '#')
            {
                SkipRestOfLine();
                return true; // a bare KEY: python-dotenv gives it no value
            }

            if (Current != '=')
            {
                problem = ConfigurationMessages.DotEnvNotKeyValue;
                return false;
            }

            _position++;
            SkipBlankSpace(includingLineBreaks: false);
            string value;
            if (!AtEnd && (Current == '\'' || Current == '"'))
            {
                var openedOn = _line;
                if (!TryQuoted(Current, out value))
                {
                    problem = string.Format(ConfigurationMessages.DotEnvUnclosedQuote, key, openedOn);
                    return false;
                }

                SkipBlankSpace(includingLineBreaks: false);
                if (!AtEnd && Current != '\n' && Current != '\r' && Current != '#')
                {
                    problem = string.Format(ConfigurationMessages.DotEnvTextAfterQuote, key);
                    return false;
                }
            }
            else
            {
                value = ReadUnquoted();
            }

            SkipRestOfLine();
            Values[key] = value;
            return true;
        }

        private string ReadKey()
        {
            if (!AtEnd && (Current == '\'' || Current == '"'))
            {
                var quote = Current;
                var end = _text.IndexOf(quote, _position + 1);
                var lineEnd = _text.IndexOf('\n', _position);
                if (end < 0 || (lineEnd >= 0 && end > lineEnd))
                {
                    return string.Empty;
                }

                var quoted = _text.Substring(_position + 1, end - _position - 1);
                _position = end + 1;
                return quoted;
            }

            var start = _position;
            while (!AtEnd && Current != '=' && Current != '#' && !char.IsWhiteSpace(Current))
            {
                _position++;
            }

            return _text.Substring(start, _position - start);
        }

        /// <summary>Up to the end of the line; a comment starts at a # after blank space.</summary>
        private string ReadUnquoted()
        {
            var start = _position;
            while (!AtEnd && Current != '\n' && Current != '\r')
            {
                if (Current == '#' && _position > start && (_text[_position - 1] == ' ' || _text[_position - 1] == '\t'))
                {
                    break;
                }

                _position++;
            }

            return _text.Substring(start, _position - start).TrimEnd(' ', '\t');
        }

        /// <summary>A quoted value, which may run over several lines; false when the quote is never closed.</summary>
        private bool TryQuoted(char quote, out string value)
        {
            var builder = new StringBuilder();
            _position++;
            while (!AtEnd)
            {
                var c = Current;
                if (c == quote)
                {
                    _position++;
                    value = builder.ToString();
                    return true;
                }

                if (c == '\\' && _position + 1 < _text.Length)
                {
                    var next = _text[_position + 1];
                    var escaped = quote == '\'' ? SingleQuotedEscape(next) : DoubleQuotedEscape(next);
                    if (escaped != null)
                    {
                        builder.Append(escaped.Value);
                        _position += 2;
                        continue;
                    }
                }

                if (c == '\n')
                {
                    _line++;
                }

                builder.Append(c);
                _position++;
            }

            value = string.Empty;
            return false;
        }

        private static char? SingleQuotedEscape(char c) => c == '\'' || c == '\\' ? c : (char?)null;

        private static char? DoubleQuotedEscape(char c) => c switch
        {
            'n' => '\n',
            'r' => '\r',
            't' => '\t',
            '"' => '"',
            '\'' => '\'',
            '\\' => '\\',
            _ => (char?)null,
        };

        private void SkipBlankSpace(bool includingLineBreaks)
        {
            while (!AtEnd && (Current == ' ' || Current == '\t' || Current == '\f' || Current == '\v'
                || (includingLineBreaks && (Current == '\n' || Current == '\r'))))
            {
                if (Current == '\n')
                {
                    _line++;
                }

                _position++;
            }
        }

        private void SkipRestOfLine()
        {
            while (!AtEnd && Current != '\n')
            {
                _position++;
            }

            if (!AtEnd)
            {
                _position++;
                _line++;
            }
        }
    }
}
