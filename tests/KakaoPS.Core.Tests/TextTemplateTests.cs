using System.Collections.Generic;
using System.Text.Json;
using KakaoPS.Errors;
using KakaoPS.Templates;

namespace KakaoPS.Core.Tests;

public sealed class TextTemplateTests
{
    public static TheoryData<string, string?, string?> PlainTexts => new()
    {
        { "x", null, null },
        { "빌드 성공 ✅ 🎉 \"quoted\" <b>&amp;</b>\n\ttab\u0001\u2028", null, null },
        { new string('가', 200), "https://ci.example.com/run/1?a=1&b=<2>", null },
        { "  edges  ", null, "http://127.0.0.1:5000/logs" },
        { "both", "https://a.example.com", "https://m.example.com" },
    };

    /// <summary>A -Text memo's template skips the dictionary walk; it must be what the full check writes, byte for byte.</summary>
    [Theory]
    [MemberData(nameof(PlainTexts))]
    public void A_plain_text_template_is_what_the_full_check_writes(string text, string? webUrl, string? mobileWebUrl)
    {
        var template = new TextTemplate { Text = text, WebUrl = webUrl, MobileWebUrl = mobileWebUrl };
        var plain = template.ToTemplate();
        var checkedInFull = TemplateValidator.Validate(new Dictionary<string, object?>
        {
            ["object_type"] = "text",
            ["text"] = text,
            ["link"] = TemplateParts.Link(webUrl, mobileWebUrl, TextTemplate.DefaultWebUrl),
        });

        Assert.NotNull(TemplateValidator.PlainText(text, webUrl ?? mobileWebUrl ?? TextTemplate.DefaultWebUrl, mobileWebUrl ?? webUrl ?? TextTemplate.DefaultWebUrl));
        Assert.Equal(checkedInFull.Json, plain.Json);
        Assert.Equal(checkedInFull.ObjectType, plain.ObjectType);
    }

    [Theory]
    [InlineData("", "https://developers.kakao.com")]
    [InlineData("   ", "https://developers.kakao.com")]
    [InlineData(null, "https://developers.kakao.com")]
    [InlineData("x", "ftp://developers.kakao.com")]
    [InlineData("x", "developers.kakao.com")]
    public void A_plain_text_template_that_breaks_a_rule_is_left_to_the_full_check(string? text, string link)
    {
        Assert.Null(TemplateValidator.PlainText(text, link, link));
        Assert.Throws<KakaoException>(() => new TextTemplate { Text = text!, WebUrl = link }.ToTemplate());
    }

    [Fact]
    public void Text_one_character_too_long_is_refused_with_its_length()
    {
        Assert.Null(TemplateValidator.PlainText(new string('x', 201), TextTemplate.DefaultWebUrl, TextTemplate.DefaultWebUrl));
        var refused = Assert.Throws<KakaoException>(() => new TextTemplate { Text = new string('x', 201) }.ToTemplate());
        Assert.Contains("201", refused.Message);
    }

    [Fact]
    public void Hangul_and_emoji_are_written_as_themselves()
    {
        var json = new TextTemplate { Text = "빌드 성공 ✅ 🎉 \"quoted\"\n" }.ToJson();

        Assert.Contains("빌드 성공 ✅ 🎉", json);
        Assert.DoesNotContain("\\u", json);
        using var document = JsonDocument.Parse(json);
        Assert.Equal("빌드 성공 ✅ 🎉 \"quoted\"\n", document.RootElement.GetProperty("text").GetString());
    }

    [Fact]
    public void A_link_is_always_present_as_Kakao_requires()
    {
        using var document = JsonDocument.Parse(new TextTemplate { Text = "x" }.ToJson());
        var root = document.RootElement;

        Assert.Equal("text", root.GetProperty("object_type").GetString());
        Assert.Equal(TextTemplate.DefaultWebUrl, root.GetProperty("link").GetProperty("web_url").GetString());
        Assert.Equal(TextTemplate.DefaultWebUrl, root.GetProperty("link").GetProperty("mobile_web_url").GetString());
        Assert.False(root.TryGetProperty("button_title", out _));
    }

    [Fact]
    public void Given_links_and_button_title_are_used()
    {
        using var document = JsonDocument.Parse(new TextTemplate
        {
            Text = "x",
            WebUrl = "https://ci.example.com/run/1",
            ButtonTitle = "로그 보기",
        }.ToJson());
        var root = document.RootElement;

        Assert.Equal("https://ci.example.com/run/1", root.GetProperty("link").GetProperty("web_url").GetString());
        Assert.Equal("https://ci.example.com/run/1", root.GetProperty("link").GetProperty("mobile_web_url").GetString());
        Assert.Equal("로그 보기", root.GetProperty("button_title").GetString());
    }

    [Theory]
    [InlineData("ftp://example.com")]
    [InlineData("example.com/no-scheme")]
    [InlineData("not a url")]
    public void Invalid_links_are_refused_with_the_parameter_named(string url)
    {
        var error = Assert.Throws<KakaoException>(() => TextTemplate.ValidateUrl(url, "WebUrl"));

        Assert.Equal("InvalidUrl", error.ErrorId);
        Assert.Contains("-WebUrl", error.Message);
    }
}
