using System.Linq;
using KakaoPS.Errors;
using KakaoPS.Memo;
using KakaoPS.Models;

namespace KakaoPS.Core.Tests;

public sealed class MemoTextBuilderTests
{
    private static MemoTextBuilder Fill(MemoOverflow overflow, int lines, string? title = null, int maxMessages = 10)
    {
        var builder = new MemoTextBuilder(title, overflow, maxMessages);
        for (var i = 1; i <= lines; i++)
        {
            builder.Add(i.ToString());
        }

        return builder;
    }

    [Fact]
    public void Short_text_is_sent_as_it_is_with_the_title_first()
    {
        var builder = new MemoTextBuilder("빌드", MemoOverflow.Tail);
        builder.Add("one");
        builder.Add("two");

        var part = Assert.Single(builder.Build());

        Assert.Equal("빌드\none\ntwo", part.Text);
        Assert.False(part.Truncated);
        Assert.Equal(0, part.OmittedCharacters);
    }

    [Fact]
    public void Tail_keeps_the_last_lines_and_counts_what_was_left_out()
    {
        var part = Assert.Single(Fill(MemoOverflow.Tail, 1000).Build());

        Assert.True(part.Text.Length <= MemoTextBuilder.MaxLength, part.Text.Length.ToString());
        Assert.EndsWith("\n999\n1000", part.Text);
        var marker = part.Text.Split('\n')[0];
        Assert.Matches(@"^… \(\+\d+ lines\)$", marker);
        var kept = part.Text.Split('\n').Skip(1).Select(int.Parse).ToArray();
        Assert.Equal(Enumerable.Range(1001 - kept.Length, kept.Length), kept);
        Assert.Equal($"… (+{1000 - kept.Length} lines)", marker);
        Assert.Equal(1000 - kept.Length, part.OmittedLines);
        Assert.True(part.Truncated);
    }

    [Fact]
    public void Head_keeps_the_first_lines_and_marks_the_end()
    {
        var part = Assert.Single(Fill(MemoOverflow.Head, 1000, title: "log").Build());

        Assert.True(part.Text.Length <= MemoTextBuilder.MaxLength);
        Assert.StartsWith("log\n1\n2\n3\n", part.Text);
        Assert.Matches(@"\n… \(\+\d+ lines\)$", part.Text);
        Assert.True(part.Truncated);
    }

    [Fact]
    public void Split_numbers_the_parts_and_loses_nothing()
    {
        var parts = Fill(MemoOverflow.Split, 120).Build();

        Assert.True(parts.Count > 1);
        Assert.All(parts, p => Assert.True(p.Text.Length <= MemoTextBuilder.MaxLength));
        Assert.All(parts, p => Assert.StartsWith($"({p.Part}/{parts.Count})\n", p.Text));
        var lines = parts.SelectMany(p => p.Text.Split('\n').Skip(1)).Select(int.Parse);
        Assert.Equal(Enumerable.Range(1, 120), lines);
        Assert.All(parts, p => Assert.False(p.Truncated));
    }

    [Fact]
    public void Split_stops_at_MaxMessages_and_marks_the_end_inside_the_last_message()
    {
        var parts = Fill(MemoOverflow.Split, 5000, maxMessages: 3).Build();

        Assert.Equal(3, parts.Count);
        Assert.All(parts, p => Assert.True(p.Text.Length <= MemoTextBuilder.MaxLength, p.Text.Length.ToString()));
        Assert.All(parts, p => Assert.True(p.Truncated));
        Assert.All(parts, p => Assert.True(p.OmittedCharacters > 0));
        var last = parts[^1].Text.Split('\n');
        Assert.Equal($"… (+{parts[0].OmittedLines} lines)", last[^1]);
        var sent = parts.SelectMany(p => p.Text.Split('\n').Skip(1)).Where(l => !l.StartsWith("…")).Select(int.Parse).ToList();
        Assert.Equal(Enumerable.Range(1, sent.Count), sent);
        Assert.Equal(5000, sent.Count + parts[0].OmittedLines);
        Assert.Contains("-MaxMessages 3", parts[0].CutWarning);
    }

    [Fact]
    public void Split_of_piped_text_keeps_the_end_and_marks_the_start_as_Tail_does()
    {
        var builder = new MemoTextBuilder(null, MemoOverflow.Split, maxMessages: 2, keepEnd: true);
        for (var i = 1; i <= 5000; i++)
        {
            builder.Add(i.ToString());
        }

        var parts = builder.Build();

        Assert.Equal(2, parts.Count);
        Assert.All(parts, p => Assert.True(p.Text.Length <= MemoTextBuilder.MaxLength, p.Text.Length.ToString()));
        var first = parts[0].Text.Split('\n');
        Assert.Equal("(1/2)", first[0]);
        Assert.Equal($"… (+{parts[0].OmittedLines} lines)", first[1]);
        Assert.EndsWith("\n4999\n5000", parts[1].Text);
        var sent = parts.SelectMany(p => p.Text.Split('\n').Skip(1)).Where(l => !l.StartsWith("…")).Select(int.Parse).ToList();
        Assert.Equal(Enumerable.Range(5001 - sent.Count, sent.Count), sent);
        Assert.Equal(5000, sent.Count + parts[0].OmittedLines);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("nightly build")]
    public void Split_sizes_every_part_with_its_final_header(string? title)
    {
        // 40 lines of 48 characters: the first guess "(2/2)" is shorter than the final "(1/11)".
        var builder = new MemoTextBuilder(title, MemoOverflow.Split, maxMessages: 20);
        for (var i = 1; i <= 40; i++)
        {
            builder.Add("line " + i + " " + new string('x', 40));
        }

        var parts = builder.Build();

        Assert.All(parts, p => Assert.True(p.Text.Length <= MemoTextBuilder.MaxLength, $"part {p.Part}: {p.Text.Length}"));
        Assert.All(parts, p => Assert.False(p.Truncated));
        var lines = parts.SelectMany(p => p.Text.Split('\n').Skip(1)).ToList();
        Assert.Equal(Enumerable.Range(1, 40).Select(i => "line " + i + " " + new string('x', 40)), lines);
    }

    [Fact]
    public void One_long_line_split_at_MaxMessages_keeps_its_end_and_fits()
    {
        var builder = new MemoTextBuilder(null, MemoOverflow.Split, maxMessages: 2, keepEnd: true);
        builder.Add(string.Concat(Enumerable.Range(0, 1000).Select(i => (char)('a' + i % 26))));

        var parts = builder.Build();

        Assert.Equal(2, parts.Count);
        Assert.All(parts, p => Assert.True(p.Text.Length <= MemoTextBuilder.MaxLength, p.Text.Length.ToString()));
        Assert.StartsWith("(1/2)\n…", parts[0].Text);
        var sentLength = parts.Sum(p => p.Text.Length - "(1/2)\n".Length) - 1;
        Assert.Equal(1000 - sentLength, parts[0].OmittedCharacters);
    }

    [Fact]
    public void The_cut_counts_characters_as_the_user_sees_them()
    {
        var builder = new MemoTextBuilder(null, MemoOverflow.Tail);
        builder.Add(string.Concat(Enumerable.Repeat("😀", 150)));

        var part = Assert.Single(builder.Build());

        Assert.Equal(51, part.OmittedCharacters);
        Assert.Equal(0, part.OmittedLines);
        Assert.Contains("51 characters left out", part.CutWarning);
        Assert.DoesNotContain("line", part.CutWarning);
    }

    [Fact]
    public void The_cut_warning_names_lines_only_when_more_than_one_was_left_out()
    {
        var builder = new MemoTextBuilder(null, MemoOverflow.Head);
        builder.Add(new string('a', 150));
        builder.Add(new string('b', 100));

        var one = Assert.Single(builder.Build());
        var many = Assert.Single(Fill(MemoOverflow.Tail, 1000).Build());

        Assert.DoesNotContain("line", one.CutWarning);
        Assert.Contains($"{many.OmittedLines} lines", many.CutWarning);
        Assert.Null(Assert.Single(Fill(MemoOverflow.Tail, 3).Build()).CutWarning);
    }

    [Fact]
    public void Error_refuses_text_over_the_limit()
    {
        var builder = new MemoTextBuilder(null, MemoOverflow.Error);
        builder.Add(new string('가', 201));

        var error = Assert.Throws<KakaoException>(() => builder.Build());

        Assert.Equal("MemoTooLong", error.ErrorId);
        Assert.Contains("201", error.Message);
        Assert.Contains("-Overflow", error.RecommendedAction);
    }

    [Fact]
    public void Exactly_200_characters_fit()
    {
        var builder = new MemoTextBuilder(null, MemoOverflow.Error);
        builder.Add(new string('가', 200));

        Assert.Equal(200, Assert.Single(builder.Build()).Text.Length);
    }

    [Theory]
    [InlineData(MemoOverflow.Tail)]
    [InlineData(MemoOverflow.Head)]
    [InlineData(MemoOverflow.Split)]
    public void Emoji_and_decomposed_Hangul_are_never_cut_in_half(MemoOverflow overflow)
    {
        // Emoji are surrogate pairs; "한" written as three combining jamo is one text element.
        var unit = "😀\u1112\u1161\u11AB👍🏽";
        for (var offset = 0; offset < 4; offset++)
        {
            var builder = new MemoTextBuilder(null, overflow);
            builder.Add(new string('x', offset) + string.Concat(Enumerable.Repeat(unit, 60)));

            foreach (var part in builder.Build())
            {
                Assert.True(part.Text.Length <= MemoTextBuilder.MaxLength);
                var body = part.Text.Replace("…", string.Empty).Replace("x", string.Empty);
                body = System.Text.RegularExpressions.Regex.Replace(body, @"^\(\d+/\d+\)\n", string.Empty);
                Assert.False(char.IsLowSurrogate(body[0]), $"{overflow} starts inside a surrogate pair");
                Assert.False(char.IsHighSurrogate(body[^1]), $"{overflow} ends inside a surrogate pair");
                Assert.DoesNotContain("\u1112\u1161…", part.Text);
                Assert.True(body.Replace("😀", "").Replace("\u1112\u1161\u11AB", "").Replace("👍🏽", "").Length == 0, $"{overflow}: a text element was cut: {body}");
            }
        }
    }

    [Fact]
    public void Tail_memory_stays_bounded_however_much_is_piped()
    {
        var builder = new MemoTextBuilder(null, MemoOverflow.Tail);
        for (var i = 0; i < 200_000; i++)
        {
            builder.Add("line " + i);
        }

        var part = Assert.Single(builder.Build());
        Assert.EndsWith("line 199999", part.Text);
        Assert.Equal(200_000 - (part.Text.Split('\n').Length - 1), part.OmittedLines);
    }
}
