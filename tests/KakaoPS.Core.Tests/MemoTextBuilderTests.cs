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
    public void Split_stops_at_MaxMessages_and_says_so()
    {
        var parts = Fill(MemoOverflow.Split, 5000, maxMessages: 3).Build();

        Assert.Equal(3, parts.Count);
        Assert.All(parts, p => Assert.True(p.Truncated));
        Assert.All(parts, p => Assert.True(p.OmittedCharacters > 0));
        var lastSent = int.Parse(parts[^1].Text.Split('\n')[^1]);
        Assert.All(parts, p => Assert.InRange(p.OmittedLines, 5000 - lastSent, 5000 - lastSent + 1));
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
