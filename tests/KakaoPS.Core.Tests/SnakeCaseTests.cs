using System.Text.RegularExpressions;
using KakaoPS.Templates;

namespace KakaoPS.Core.Tests;

/// <summary>Template keys in PowerShell style become Kakao's names, exactly as the original pattern did.</summary>
public sealed class SnakeCaseTests
{
    private static string ByPattern(string key) =>
        Regex.Replace(key.Trim(), "(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])", "_").ToLowerInvariant();

    [Theory]
    [InlineData("WebUrl", "web_url")]
    [InlineData("webUrl", "web_url")]
    [InlineData("web_url", "web_url")]
    [InlineData("  MobileWebUrl ", "mobile_web_url")]
    [InlineData("ButtonTitle", "button_title")]
    [InlineData("HTMLLink", "html_link")]
    [InlineData("ImageURL", "image_url")]
    [InlineData("Item1Title", "item1_title")]
    [InlineData("item2Title", "item2_title")]
    [InlineData("ABC", "abc")]
    [InlineData("A", "a")]
    [InlineData("", "")]
    [InlineData("제목Title", "제목title")]
    [InlineData("ÄpfelUrl", "äpfel_url")]
    [InlineData("object_type", "object_type")]
    [InlineData("IOSExecutionParams", "ios_execution_params")]
    public void Keys_become_snake_case(string key, string expected)
    {
        Assert.Equal(expected, TemplateValidator.SnakeCase(key));
        Assert.Equal(ByPattern(key), TemplateValidator.SnakeCase(key));
    }
}
