using System.Globalization;
using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using KakaoPS.Files;
using KakaoPS.Resources;

namespace KakaoPS.Configuration
{
    /// <summary>
    /// A .env file read with DotNetEnv, its values taken literally: DotNetEnv always expands
    /// <c>$VAR</c> and <c>${VAR}</c> from the process environment, which would let a cloned
    /// repository's file pull a secret into a value that is shown or sent, so every <c>$</c> is
    /// hidden from it and put back afterwards. A statement DotNetEnv cannot read is reported with
    /// its line and skipped; the rest of the file still counts. Only a regular file of at most
    /// <see cref="MaxBytes"/> is opened (Files/OwnerOnlyFiles.ReadSmall).
    /// </summary>
    internal sealed class DotEnvFile
    {
        /// <summary>A .env file holds a few settings; anything larger is not one.</summary>
        public const int MaxBytes = 1024 * 1024;

        private readonly string _path;

        private DotEnvFile(string path)
        {
            _path = path;
        }

        /// <summary>The values read.</summary>
        public Dictionary<string, string> Values { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

        /// <summary>What could not be read, one message per file or statement, never quoting a value.</summary>
        public List<string> Problems { get; } = new List<string>();

        /// <summary>
        /// Reads <paramref name="path"/> if it is a regular file of at most <see cref="MaxBytes"/>;
        /// otherwise the result has no values and says why.
        /// </summary>
        public static DotEnvFile Read(string path)
        {
            var file = new DotEnvFile(path);
            string text;
            try
            {
                // A regular file only (links followed): a FIFO would block and /dev/zero never end.
                var bytes = OwnerOnlyFiles.ReadSmall(path, MaxBytes, out _);
                if (bytes == null)
                {
                    return file;
                }

                text = new UTF8Encoding(false, false).GetString(WindowsText.AsUtf8(bytes));
            }
            catch (UnsafeFileException e) when (e.Problem == UnsafeFileProblem.TooLarge)
            {
                file.Problems.Add(string.Format(CultureInfo.CurrentCulture, ConfigurationMessages.DotEnvTooLarge, path, MaxBytes / (1024 * 1024)));
                return file;
            }
            catch (UnsafeFileException e) when (e.Problem == UnsafeFileProblem.NotRegular)
            {
                file.Problems.Add(string.Format(CultureInfo.CurrentCulture, ConfigurationMessages.DotEnvNotRegularFile, path));
                return file;
            }
            catch (UnsafeFileException)
            {
                return file; // a link to nothing: no .env
            }
            catch (DecoderFallbackException)
            {
                // Its message quotes the bytes it could not read, which may be part of a secret.
                file.Problems.Add(string.Format(CultureInfo.CurrentCulture, ConfigurationMessages.DotEnvUnreadable, path, ConfigurationMessages.DotEnvNotText));
                return file;
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is NotSupportedException)
            {
                file.Problems.Add(string.Format(CultureInfo.CurrentCulture, ConfigurationMessages.DotEnvUnreadable, path, e.Message));
                return file;
            }

            file.Parse(text.Replace("\r\n", "\n"));
            return file;
        }

        private void Parse(string text)
        {
            if (!(UnusedCharacter(text) is char dollar))
            {
                Problems.Add(string.Format(CultureInfo.CurrentCulture, ConfigurationMessages.DotEnvLineIgnored, _path, 1, ConfigurationMessages.DotEnvNotKeyValue));
                return;
            }

            var shielded = text.Replace('$', dollar);
            if (TryLoad(shielded, dollar))
            {
                return;
            }

            // One statement at a time, so that a line DotNetEnv refuses costs only itself.
            var lines = shielded.Split('\n');
            for (var first = 0; first < lines.Length;)
            {
                var last = LastLineOfStatement(lines, first, out var key, out var quoted);
                if (last < 0)
                {
                    Problems.Add(string.Format(CultureInfo.CurrentCulture, ConfigurationMessages.DotEnvLineIgnored, _path, first + 1,
                        string.Format(CultureInfo.CurrentCulture, ConfigurationMessages.DotEnvUnclosedQuote, Restore(key, dollar), first + 1)));
                    first++;
                    continue;
                }

                var statement = string.Join("\n", lines, first, last - first + 1);
                if (!TryLoad(statement, dollar) && !IsBareKey(statement))
                {
                    var problem = quoted
                        ? string.Format(CultureInfo.CurrentCulture, ConfigurationMessages.DotEnvTextAfterQuote, Restore(key, dollar))
                        : statement.IndexOf('=') > 0 && IsBareKey(key)
                            ? string.Format(CultureInfo.CurrentCulture, ConfigurationMessages.DotEnvValueNeedsQuotes, Restore(key, dollar))
                            : ConfigurationMessages.DotEnvNotKeyValue;
                    Problems.Add(string.Format(CultureInfo.CurrentCulture, ConfigurationMessages.DotEnvLineIgnored, _path, first + 1, problem));
                }

                first = last + 1;
            }
        }

        /// <summary>Adds what DotNetEnv reads from <paramref name="contents"/>; false, adding nothing, when it cannot.</summary>
        private bool TryLoad(string contents, char dollar)
        {
            List<KeyValuePair<string, string>> pairs;
            try
            {
                pairs = DotNetEnv.Env.LoadContents(contents, DotNetEnv.Env.NoEnvVars()).ToList();
            }
            catch (Sprache.ParseException)
            {
                // Its message quotes the file, which may hold a client secret or a refresh token.
                return false;
            }

            foreach (var pair in pairs)
            {
                Values[Restore(pair.Key, dollar)] = Restore(pair.Value, dollar);
            }

            return true;
        }

        /// <summary>
        /// The line on which the statement starting at <paramref name="first"/> ends: a quoted
        /// value may run over several lines. -1 when its quote is never closed.
        /// </summary>
        private static int LastLineOfStatement(string[] lines, int first, out string key, out bool quoted)
        {
            var line = lines[first];
            var equals = line.IndexOf('=');
            key = equals < 0 ? line.Trim() : line.Substring(0, equals).Trim();
            if (key.StartsWith("export ", StringComparison.Ordinal))
            {
                key = key.Substring(7).Trim();
            }

            quoted = false;
            if (equals < 0 || line.TrimStart().StartsWith("#", StringComparison.Ordinal))
            {
                return first;
            }

            var start = equals + 1;
            while (start < line.Length && (line[start] == ' ' || line[start] == '\t'))
            {
                start++;
            }

            if (start >= line.Length || (line[start] != '"' && line[start] != '\''))
            {
                return first;
            }

            quoted = true;
            var quote = line[start];
            var position = start + 1;
            for (var index = first; index < lines.Length; index++, position = 0)
            {
                var text = lines[index];
                for (; position < text.Length; position++)
                {
                    if (quote == '"' && text[position] == '\\')
                    {
                        position++; // an escaped character, which may be the quote
                    }
                    else if (text[position] == quote)
                    {
                        return index;
                    }
                }
            }

            return -1;
        }

        /// <summary>A line with a name and nothing else, which python-dotenv (the lesson's library) reads as no value.</summary>
        private static bool IsBareKey(string line)
        {
            var key = line.Trim();
            return key.Length > 0 && key.All(c => char.IsLetterOrDigit(c) || c == '_' || c == '.' || c == '-');
        }

        /// <summary>A private-use character the file does not contain, to stand in for '$'.</summary>
        private static char? UnusedCharacter(string text)
        {
            for (var candidate = '\uE000'; candidate <= '\uF8FF'; candidate++)
            {
                if (text.IndexOf(candidate) < 0)
                {
                    return candidate;
                }
            }

            return null; // a file made to use all 6,400 of them is not a .env anyone wrote
        }

        private static string Restore(string value, char dollar) => value.Replace(dollar, '$');
    }
}
