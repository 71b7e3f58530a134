using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using KakaoPS.Api;
using KakaoPS.Errors;
using KakaoPS.Memo;
using KakaoPS.Models;
using KakaoPS.Templates;

using KakaoPS.Tests.Infrastructure;

namespace KakaoPS.Core.Tests;

public sealed class TemplateValidatorTests
{
    public static TheoryData<string> ValidTemplates => TemplateSamples.ValidTemplates;

    [Theory]
    [MemberData(nameof(ValidTemplates))]
    public void Every_memo_template_type_passes_and_is_written_as_given(string json)
    {
        var template = TemplateValidator.Validate(json);

        Assert.Equal(json, template.Json);
        Assert.Equal(JsonDocument.Parse(json).RootElement.GetProperty("object_type").GetString(), template.ObjectType);
    }

    [Theory]
    [InlineData("""{"object_type":"list","header_title":"h","header_link":{"web_url":"https://a.com"},"contents":[{"link":{"web_url":"https://a.com"}}]}""", "contents has 1 item(s); Kakao allows 2 to 3")]
    [InlineData("""{"object_type":"text","text":"x","link":{"web_url":"https://a.com"},"buttons":[{"title":"1","link":{"web_url":"https://a.com"}},{"title":"2","link":{"web_url":"https://a.com"}},{"title":"3","link":{"web_url":"https://a.com"}}]}""", "buttons has 3 item(s); Kakao allows at most 2")]
    [InlineData("""{"object_type":"feed","content":{"link":{"web_url":"https://a.com"}},"button_title":"123456789012345"}""", "button_title has 15 characters; Kakao allows 14")]
    [InlineData("""{"object_type":"text","text":"x"}""", "link is required")]
    [InlineData("""{"object_type":"text","text":["a","b"],"link":{"web_url":"https://a.com"}}""", "text must be text, not a list")]
    [InlineData("""{"object_type":"feed","content":"card"}""", "content must be an object (a hashtable), not the text 'card'")]
    [InlineData("""{"object_type":"text","text":"x","link":{}}""", "link needs at least one of web_url")]
    [InlineData("""{"object_type":"text","text":"","link":{"web_url":"https://a.com"}}""", "text is required and must not be empty")]
    [InlineData("""{"object_type":"feed","content":{"title":"t"}}""", "content.link is required")]
    [InlineData("""{"object_type":"feed","content":{"link":{"web_url":"https://a.com"},"image_width":"wide"}}""", "content.image_width must be a whole number, not the text 'wide'")]
    [InlineData("""{"object_type":"commerce","content":{"link":{"web_url":"https://a.com"}},"commerce":{"discount_price":5}}""", "commerce.regular_price is required")]
    [InlineData("""{"object_type":"commerce","content":{"link":{"web_url":"https://a.com"}},"commerce":{"regular_price":5,"currency_unit_position":2}}""", "commerce.currency_unit_position must be from 0 to 1, not 2")]
    [InlineData("""{"object_type":"location","content":{"link":{"web_url":"https://a.com"}}}""", "address is required")]
    [InlineData("""{"object_type":"text","text":"x","link":{"web_url":"ftp://a.com"}}""", "link.web_url 'ftp://a.com' is not an absolute http or https URL")]
    [InlineData("""{"object_type":"text","text":"x","link":{"web_url":"https://a.com"},"buttons":[{"link":{"web_url":"https://a.com"}}]}""", "buttons[0].title is required")]
    [InlineData("""{"object_type":"text","text":"x","link":{"weburl":"https://a.com"}}""", "link.weburl is not a field Kakao knows here")]
    [InlineData("""{"object_type":"feed","content":{"link":{"web_url":"https://a.com"}},"item_content":{"items":[{"item":"1","item_op":"1"},{"item":"2","item_op":"2"},{"item":"3","item_op":"3"},{"item":"4","item_op":"4"},{"item":"5","item_op":"5"},{"item":"6","item_op":"6"}]}}""", "item_content.items has 6 item(s); Kakao allows at most 5")]
    [InlineData("""{"object_type":"calendar","id":"1","id_type":"event"}""", "does not take calendar templates")]
    [InlineData("""{"text":"x"}""", "object_type is required")]
    [InlineData("""[1,2]""", "a template is a hashtable")]
    [InlineData("""{"object_type":""", "not valid JSON")]
    public void A_broken_template_is_refused_with_the_field_named(string json, string expected)
    {
        var error = Assert.Throws<KakaoException>(() => TemplateValidator.Validate(json));

        Assert.Equal("InvalidTemplate", error.ErrorId);
        Assert.Equal(KakaoErrorKind.InvalidArgument, error.Kind);
        Assert.Contains(expected, error.Message);
        Assert.Contains("nothing is sent to Kakao", error.Message);
        Assert.Contains("New-KakaoFeedTemplate", error.RecommendedAction);
    }

    [Fact]
    public void A_template_with_both_button_title_and_buttons_is_refused_as_a_button_conflict()
    {
        var error = Assert.Throws<KakaoException>(() => TemplateValidator.Validate(
            """{"object_type":"feed","content":{"link":{"web_url":"https://a.com"}},"button_title":"보기","buttons":[{"title":"열기","link":{"web_url":"https://a.com"}}]}"""));

        Assert.Equal("ButtonConflict", error.ErrorId);
        Assert.Equal(KakaoErrorKind.InvalidArgument, error.Kind);
    }

    [Fact]
    public void Text_is_counted_as_Kakao_counts_it_so_an_emoji_counts_two()
    {
        string Text(int emoji, int letters) => JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["object_type"] = "text",
            ["text"] = string.Concat(Enumerable.Repeat("😀", emoji)) + new string('가', letters),
            ["link"] = new Dictionary<string, string> { ["web_url"] = "https://a.com" },
        });

        TemplateValidator.Validate(Text(100, 0));
        var error = Assert.Throws<KakaoException>(() => TemplateValidator.Validate(Text(100, 1)));
        Assert.Contains("text has 201 characters; Kakao allows 200", error.Message);
    }

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        var error = Assert.Throws<KakaoException>(() => TemplateValidator.Validate(
            """{"object_type":"list","header_title":"h","contents":[{"link":{"web_url":"nope"}}],"colour":"red"}"""));

        Assert.Contains("colour is not a field", error.Message);
        Assert.Contains("header_link is required", error.Message);
        Assert.Contains("contents has 1 item(s)", error.Message);
        Assert.Contains("contents[0].link.web_url 'nope'", error.Message);
    }

    [Fact]
    public void Hashtables_with_PowerShell_style_keys_become_Kakao_fields_and_numbers()
    {
        var template = TemplateValidator.Validate(new Hashtable
        {
            ["ObjectType"] = "feed",
            ["Content"] = new Hashtable
            {
                ["Title"] = "빌드 42",
                ["ImageURL"] = "https://example.com/a.png",
                ["ImageWidth"] = "640",
                ["Link"] = new Hashtable { ["WebUrl"] = "https://example.com", ["AndroidExecutionParams"] = new SortedList { ["build"] = "42", ["tab"] = "log & test" } },
            },
            ["Social"] = new Hashtable { ["LikeCount"] = 3L },
            ["Buttons"] = new Hashtable { ["Title"] = "열기", ["Link"] = new Hashtable { ["MobileWebUrl"] = "https://m.example.com" } },
        });

        Assert.Equal(
            """{"object_type":"feed","content":{"title":"빌드 42","image_url":"https://example.com/a.png","image_width":640,"link":{"web_url":"https://example.com","android_execution_params":"build=42&tab=log%20%26%20test"}},"social":{"like_count":3},"buttons":[{"title":"열기","link":{"mobile_web_url":"https://m.example.com"}}]}""",
            template.Json);
    }

    [Fact]
    public void The_modules_button_and_content_types_can_be_used_inside_a_template()
    {
        var template = TemplateValidator.Validate(new Dictionary<string, object?>
        {
            ["object_type"] = "list",
            ["header_title"] = "오늘",
            ["header_link"] = new Dictionary<string, object?> { ["web_url"] = "https://example.com" },
            ["contents"] = new object[] { new KakaoContent { Title = "a", WebUrl = "https://example.com/a" }, new KakaoContent { Title = "b", MobileWebUrl = "https://m.example.com/b" } },
            ["buttons"] = new[] { new KakaoButton { Title = "열기", WebUrl = "https://example.com" } },
        });

        var root = JsonDocument.Parse(template.Json).RootElement;
        Assert.Equal("https://m.example.com/b", root.GetProperty("contents")[1].GetProperty("link").GetProperty("web_url").GetString());
        Assert.Equal("열기", root.GetProperty("buttons")[0].GetProperty("title").GetString());
    }

    [Fact]
    public void A_checked_template_is_taken_as_it_is()
    {
        var template = TemplateValidator.Validate(new TextTemplate { Text = "x" }.ToTemplate());

        Assert.Equal("text", template.ObjectType);
    }

    [Fact]
    public void Template_args_become_a_JSON_object_of_strings()
    {
        var request = MemoRequest.Custom(7, new Hashtable { ["name"] = "빌드 🚀", ["count"] = 3, ["ok"] = true, ["none"] = null });

        Assert.Equal(KakaoApi.CustomMemoPath, request.Path);
        Assert.Equal("7", request.Form["template_id"]);
        Assert.Equal("""{"count":"3","name":"빌드 🚀","none":"","ok":"true"}""", request.Form["template_args"]);
        Assert.Contains("message template 7", request.Description);
        Assert.Contains("count=3, name=빌드 🚀, none=, ok=true", request.Description);
    }

    [Fact]
    public void Template_args_refuse_nested_values()
    {
        var error = Assert.Throws<KakaoException>(() => MemoRequest.Custom(7, new Hashtable { ["list"] = new[] { 1, 2 } }));

        Assert.Equal("InvalidTemplateArgs", error.ErrorId);
        Assert.Contains("-TemplateArgs 'list' must be text, not a list", error.Message);
    }

    [Fact]
    public void A_scrap_needs_a_web_address_and_takes_an_optional_template()
    {
        var request = MemoRequest.Scrap("https://example.com/post/1", 9, """{"who":"me"}""");

        Assert.Equal(KakaoApi.ScrapMemoPath, request.Path);
        Assert.Equal("https://example.com/post/1", request.Form["request_url"]);
        Assert.Equal("9", request.Form["template_id"]);
        Assert.Equal("""{"who":"me"}""", request.Form["template_args"]);
        Assert.Equal("InvalidUrl", Assert.Throws<KakaoException>(() => MemoRequest.Scrap("example.com", null, null)).ErrorId);
    }
}
