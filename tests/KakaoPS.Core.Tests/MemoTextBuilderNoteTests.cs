using System.Linq;
using KakaoPS.Memo;
using KakaoPS.Models;

namespace KakaoPS.Core.Tests;

/// <summary>
/// A note the sender adds below the text (the throttle's "(+2 held back since 09:14)") is part of
/// the 200 characters: the composer makes room for it and never cuts it.
/// </summary>
public sealed class MemoTextBuilderNoteTests
{
    private const string Note = "(+2 held back since 09:14)";

    [Fact]
    public void A_short_text_gets_the_note_as_its_last_line()
    {
        var builder = new MemoTextBuilder("disk", MemoOverflow.Head);
        builder.Add("91% full");

        var part = Assert.Single(builder.Build(Note));

        Assert.Equal("disk\n91% full\n" + Note, part.Text);
        Assert.Equal(Note, part.Note);
        Assert.False(part.Truncated);
    }

    [Fact]
    public void Without_a_note_the_text_is_what_it_was()
    {
        var builder = new MemoTextBuilder(null, MemoOverflow.Head);
        builder.Add("91% full");

        var part = Assert.Single(builder.Build());

        Assert.Equal("91% full", part.Text);
        Assert.Null(part.Note);
    }

    [Theory]
    [InlineData(MemoOverflow.Head)]
    [InlineData(MemoOverflow.Tail)]
    public void Text_of_200_characters_is_cut_to_make_room_and_the_note_is_whole(MemoOverflow overflow)
    {
        var builder = new MemoTextBuilder(null, overflow);
        builder.Add(new string('가', 120) + "\n" + new string('b', 79));

        var part = Assert.Single(builder.Build(Note));

        Assert.True(part.Text.Length <= MemoTextBuilder.MaxLength, part.Text.Length.ToString());
        Assert.EndsWith("\n" + Note, part.Text);
        Assert.True(part.Truncated);
        Assert.True(part.OmittedCharacters > 0);
        Assert.Equal(Note, part.Note);
    }

    [Fact]
    public void One_long_line_is_cut_with_an_ellipsis_above_the_note()
    {
        var builder = new MemoTextBuilder(null, MemoOverflow.Head);
        builder.Add(new string('x', 200));

        var part = Assert.Single(builder.Build(Note));

        Assert.Equal(MemoTextBuilder.MaxLength, part.Text.Length);
        Assert.EndsWith("x…\n" + Note, part.Text);
    }

    [Fact]
    public void Piped_output_keeps_its_end_and_the_note_comes_last()
    {
        var builder = new MemoTextBuilder("nightly", MemoOverflow.Tail);
        for (var i = 1; i <= 1000; i++)
        {
            builder.Add(i.ToString());
        }

        var part = Assert.Single(builder.Build(Note));

        Assert.True(part.Text.Length <= MemoTextBuilder.MaxLength);
        Assert.StartsWith("nightly\n… (+", part.Text);
        Assert.EndsWith("\n999\n1000\n" + Note, part.Text);
    }

    [Fact]
    public void Split_puts_the_note_at_the_end_of_the_last_part_and_every_part_fits()
    {
        var builder = new MemoTextBuilder("log", MemoOverflow.Split);
        for (var i = 1; i <= 80; i++)
        {
            builder.Add("line " + i);
        }

        var without = builder.Build();
        var parts = builder.Build(Note);

        Assert.All(parts, p => Assert.True(p.Text.Length <= MemoTextBuilder.MaxLength, p.Text.Length.ToString()));
        Assert.EndsWith("\nline 80\n" + Note, parts[^1].Text);
        Assert.Equal(Note, parts[^1].Note);
        Assert.All(parts.Take(parts.Count - 1), p => Assert.Null(p.Note));
        Assert.Equal(parts.Count, parts[0].Parts);
        Assert.True(parts.Count >= without.Count);
        Assert.DoesNotContain(without, p => p.Text.Contains(Note));
    }

    [Fact]
    public void Split_cut_by_MaxMessages_keeps_the_note_whole()
    {
        var builder = new MemoTextBuilder(null, MemoOverflow.Split, maxMessages: 2);
        builder.Add(new string('y', 1000));

        var parts = builder.Build(Note);

        Assert.Equal(2, parts.Count);
        Assert.All(parts, p => Assert.True(p.Text.Length <= MemoTextBuilder.MaxLength, p.Text.Length.ToString()));
        Assert.EndsWith("…\n" + Note, parts[^1].Text);
        Assert.True(parts[0].Truncated);
    }

    [Fact]
    public void Overflow_Error_leaves_the_note_out_rather_than_refuse_text_that_fits()
    {
        var builder = new MemoTextBuilder(null, MemoOverflow.Error);
        builder.Add(new string('z', 190));

        var part = Assert.Single(builder.Build(Note));

        Assert.Equal(new string('z', 190), part.Text);
        Assert.Null(part.Note);
    }

    [Fact]
    public void Overflow_Error_adds_the_note_when_it_fits()
    {
        var builder = new MemoTextBuilder(null, MemoOverflow.Error);
        builder.Add("short");

        var part = Assert.Single(builder.Build(Note));

        Assert.Equal("short\n" + Note, part.Text);
    }
}
