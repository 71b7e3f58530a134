using System.Text.Json;
using KakaoPS.Errors;
using KakaoPS.Templates;

namespace KakaoPS.Core.Tests;

public sealed class TextTemplateTests
{
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
