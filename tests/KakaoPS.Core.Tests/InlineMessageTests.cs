using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using KakaoPS.Tests.Infrastructure;

namespace KakaoPS.Core.Tests;

/// <summary>
/// Users read messages in their own language, so no message is written inline in the module's code:
/// a KakaoException's message and recommended action, and the text given to a warning, verbose or
/// progress line or to ShouldProcess, come from Resources/&lt;Area&gt;Messages.resx (which has a ko-KR twin).
/// A string literal ("..." or $"...") in one of those places fails this test.
/// </summary>
public sealed class InlineMessageTests
{
    /// <summary>Files whose messages are still English-only (none now; list one here only while moving it).</summary>
    private static readonly string[] NotYetMoved = Array.Empty<string>();

    /// <summary>Calls whose text the user reads, and which of their arguments hold that text.</summary>
    private static readonly (string Call, int[] Arguments)[] MessageCalls =
    {
        ("new KakaoException(", new[] { 2, 3 }),
        ("WriteWarning(", new[] { 0 }),
        ("WriteVerbose(", new[] { 0 }),
        ("ShouldProcess(", new[] { 0, 1 }),
        (".Verbose(", new[] { 0 }),
        (".Warning(", new[] { 0 }),
        (".Progress(", new[] { 0 }),
        ("new ProgressRecord(", new[] { 1, 2 }),
    };

    [Fact]
    public void No_message_is_written_as_a_string_literal()
    {
        var found = InlineMessages(NotYetMoved).ToList();
        Assert.True(found.Count == 0,
            "Move these messages to Resources/<Area>Messages.resx and its .ko-KR.resx twin:" + Environment.NewLine
            + string.Join(Environment.NewLine, found));
    }

    [Fact]
    public void The_check_finds_an_inline_message()
    {
        Assert.Single(Literals("throw new KakaoException(\"Id\", KakaoErrorKind.InvalidData, $\"Broken {x}.\", Messages.Action);"));
        Assert.Single(Literals("WriteVerbose(found ? \"It is there.\" : Messages.NotThere);"));
        Assert.Empty(Literals("throw new KakaoException(\"Id\", KakaoErrorKind.InvalidData, string.Format(Messages.Broken, \"x\"), Messages.Action);"));
    }

    private static IEnumerable<string> InlineMessages(string[] excluded)
    {
        foreach (var (source, file) in Repository.ModuleSources
                     .SelectMany(source => Directory.GetFiles(source, "*.cs", SearchOption.AllDirectories).Select(file => (source, file)))
                     .OrderBy(f => f.file, StringComparer.Ordinal))
        {
            var relative = Path.GetRelativePath(source, file).Replace('\\', '/');
            if (relative.StartsWith("obj/", StringComparison.Ordinal) || relative.StartsWith("bin/", StringComparison.Ordinal)
                || excluded.Any(e => relative.StartsWith(e, StringComparison.Ordinal)))
            {
                continue;
            }

            foreach (var literal in Literals(File.ReadAllText(file)))
            {
                yield return $"{relative}: {literal}";
            }
        }
    }

    /// <summary>The string literals given as message arguments to the calls in <see cref="MessageCalls"/>.</summary>
    private static IEnumerable<string> Literals(string code)
    {
        foreach (var (call, arguments) in MessageCalls)
        {
            for (var at = code.IndexOf(call, StringComparison.Ordinal); at >= 0; at = code.IndexOf(call, at + 1, StringComparison.Ordinal))
            {
                var given = Arguments(code, at + call.Length);
                foreach (var index in arguments.Where(i => i < given.Count))
                {
                    // A literal as the whole argument, or a sentence in quotes inside it (e.g. a ?: branch).
                    if (Regex.IsMatch(given[index], "^(\\$@|@\\$|\\$|@)?\"") || Regex.IsMatch(given[index], "\"[^\"]*[A-Za-z] [A-Za-z][^\"]*\""))
                    {
                        yield return given[index];
                    }
                }
            }
        }
    }

    /// <summary>The top-level arguments of a call whose argument list starts at <paramref name="start"/>.</summary>
    private static List<string> Arguments(string code, int start)
    {
        var arguments = new List<string>();
        var depth = 0;
        var begin = start;
        for (var i = start; i < code.Length; i++)
        {
            var c = code[i];
            if (c == '"')
            {
                // Skip the string (verbatim strings double their quotes, others escape with a backslash).
                var verbatim = i > 0 && (code[i - 1] == '@' || (i > 1 && code[i - 2] == '@'));
                for (i++; i < code.Length; i++)
                {
                    if (!verbatim && code[i] == '\\') { i++; continue; }
                    if (code[i] == '"')
                    {
                        if (verbatim && i + 1 < code.Length && code[i + 1] == '"') { i++; continue; }
                        break;
                    }
                }
            }
            else if (c == '(' || c == '[' || c == '{')
            {
                depth++;
            }
            else if (c == ')' || c == ']' || c == '}')
            {
                if (depth-- == 0)
                {
                    arguments.Add(code.Substring(begin, i - begin).Trim());
                    break;
                }
            }
            else if (c == ',' && depth == 0)
            {
                arguments.Add(code.Substring(begin, i - begin).Trim());
                begin = i + 1;
            }
        }
        return arguments;
    }
}
