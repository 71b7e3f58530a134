using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Text.Json;
using System.Threading.Tasks;
using KakaoPS.Api;
using KakaoPS.Models;

using KakaoPS.Tests.Infrastructure;

namespace KakaoPS.Tests.Cmdlets;

/// <summary>Default templates, console templates and scraps, as Kakao's side records them.</summary>
[Collection(CmdletCollection.Name)]
public sealed class SendKakaoMemoTemplateTests : CmdletTest
{
    public SendKakaoMemoTemplateTests(CmdletEnvironment environment) : base(environment)
    {
    }

    public static TheoryData<string> ValidTemplates => TemplateSamples.ValidTemplates;

    [Theory]
    [MemberData(nameof(ValidTemplates))]
    public async Task Every_default_template_type_reaches_Kakao_exactly_as_given_as_JSON_or_as_an_object(string json)
    {
        await ConnectAsync();

        var results = Shell.Run("""
            Send-KakaoMemo -Template $args[0] -TokenPath kakao_token.json
            Send-KakaoMemo -Template ($args[0] | ConvertFrom-Json) -TokenPath kakao_token.json
            """, json).Succeeded().All<KakaoMemoResult>().ToList();

        var type = JsonDocument.Parse(json).RootElement.GetProperty("object_type").GetString();
        Assert.All(results, r => Assert.True(r.Success && r.TemplateType == type && r.Attempts == 1));
        var messages = await Control.MessagesAsync();
        Assert.Equal(2, messages.Count);
        Assert.All(messages, m => Assert.Equal(KakaoApi.DefaultMemoPath, m.GetProperty("endpoint").GetString()));
        Assert.All(messages, m => Assert.Equal(json, m.GetProperty("templateObject").GetString()));
    }

    [Fact]
    public async Task A_hashtable_with_PowerShell_style_keys_is_sent_with_Kakaos_field_names()
    {
        await ConnectAsync();

        Shell.Run("""
            Send-KakaoMemo -TokenPath kakao_token.json -Template @{
                ObjectType = 'location'
                Address    = '경기 성남시 분당구 판교역로 235'
                Content    = @{ Title = '판교 오피스 🏢'; ImageWidth = 640; Link = @{ WebUrl = 'https://example.com/map' } }
            }
            """).Succeeded();

        Assert.Equal(
            """{"object_type":"location","content":{"title":"판교 오피스 🏢","image_width":640,"link":{"web_url":"https://example.com/map"}},"address":"경기 성남시 분당구 판교역로 235"}""",
            Assert.Single(await Control.TemplateObjectsAsync()));
    }

    [Fact]
    public async Task Builder_output_pipes_into_Send_KakaoMemo_one_message_per_template()
    {
        await ConnectAsync();

        var result = Shell.Run("""
            $feed = New-KakaoFeedTemplate '빌드 #42 통과 ✅' -Description '812 tests, 0 failed' -ImageUrl https://example.com/badge.png `
                -WebUrl https://example.com/builds/42 -Button @{ Title = '로그'; WebUrl = 'https://example.com/builds/42/log' }, @{ Title = '열기' }
            $list = @{ Title = 'api'; Description = 'passed' }, [pscustomobject]@{ Title = 'web'; WebUrl = 'https://example.com/web' } |
                New-KakaoListTemplate -HeaderTitle '오늘의 배포' -WebUrl https://example.com/deploys
            $commerce = New-KakaoCommerceTemplate '키보드' -RegularPrice 129000 -DiscountRate 10 -DiscountPrice 116100 -CurrencyUnit '원'
            $location = New-KakaoLocationTemplate '사무실' -Address '판교역로 235' -AddressTitle '카카오 판교아지트' -Social @{ LikeCount = 3 }
            $feed, $list, $commerce, $location | Send-KakaoMemo -TokenPath kakao_token.json
            """).Succeeded();

        Assert.Equal(new[] { "feed", "list", "commerce", "location" }, result.All<KakaoMemoResult>().Select(r => r.TemplateType));
        var sent = await Control.TemplateObjectsAsync();
        Assert.Equal(
            """{"object_type":"feed","content":{"title":"빌드 #42 통과 ✅","image_url":"https://example.com/badge.png","description":"812 tests, 0 failed","link":{"web_url":"https://example.com/builds/42","mobile_web_url":"https://example.com/builds/42"}},"buttons":[{"title":"로그","link":{"web_url":"https://example.com/builds/42/log","mobile_web_url":"https://example.com/builds/42/log"}},{"title":"열기","link":{"web_url":"https://example.com/builds/42","mobile_web_url":"https://example.com/builds/42"}}]}""",
            sent[0]);
        Assert.Equal(
            """{"object_type":"list","header_title":"오늘의 배포","header_link":{"web_url":"https://example.com/deploys","mobile_web_url":"https://example.com/deploys"},"contents":[{"title":"api","description":"passed","link":{"web_url":"https://example.com/deploys","mobile_web_url":"https://example.com/deploys"}},{"title":"web","link":{"web_url":"https://example.com/web","mobile_web_url":"https://example.com/web"}}]}""",
            sent[1]);
        Assert.Equal(
            """{"object_type":"commerce","content":{"title":"키보드","link":{"web_url":"https://developers.kakao.com","mobile_web_url":"https://developers.kakao.com"}},"commerce":{"regular_price":129000,"discount_price":116100,"discount_rate":10,"currency_unit":"원"}}""",
            sent[2]);
        Assert.Equal(
            """{"object_type":"location","content":{"title":"사무실","link":{"web_url":"https://developers.kakao.com","mobile_web_url":"https://developers.kakao.com"}},"address":"판교역로 235","address_title":"카카오 판교아지트","social":{"like_count":3}}""",
            sent[3]);
        Assert.Contains(result.Progress, p => p.StatusDescription == "Sending message 4");
    }

    [Fact]
    public async Task An_invalid_template_fails_locally_naming_the_field_and_nothing_is_sent()
    {
        // Not connected: the template is refused before any token is needed.
        var refused = Shell.Run("""
            Send-KakaoMemo -TokenPath kakao_token.json -Template @{
                object_type = 'list'; header_title = '목록'; header_link = @{ web_url = 'https://example.com' }
                contents = @(@{ title = 'only one'; link = @{ web_url = 'https://example.com' } })
            }
            """);
        await ConnectAsync();
        var builder = Shell.Run("New-KakaoCommerceTemplate 'x' -RegularPrice 1 -Button @{ Title = 'a'; WebUrl = 'not a url' } | Send-KakaoMemo -TokenPath kakao_token.json");

        var error = refused.SingleError();
        Assert.StartsWith("InvalidTemplate,", error.FullyQualifiedErrorId);
        Assert.Contains("contents has 1 item(s); Kakao allows 2 to 3", error.ToString());
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        Assert.Empty(refused.Output);
        var builderError = builder.SingleError();
        Assert.StartsWith("InvalidTemplate,KakaoPS.Commands.NewKakaoCommerceTemplateCommand", builderError.FullyQualifiedErrorId);
        Assert.Contains("buttons[0].link.web_url 'not a url'", builderError.ToString());
        Assert.Empty(await Control.MessagesAsync());
        Assert.DoesNotContain(await Control.RequestsAsync(), r => r.GetProperty("path").GetString()!.Contains("/memo/"));
    }

    [Fact]
    public async Task A_console_template_is_sent_by_id_with_its_arguments_as_strings()
    {
        await ConnectAsync();
        await ConfigureTemplateAsync(7);

        var sent = Shell.Run("Send-KakaoMemo -TemplateId 7 -TemplateArgs @{ name = 'nightly'; count = 42 } -TokenPath kakao_token.json")
            .Succeeded().Single<KakaoMemoResult>();

        Assert.True(sent.Success);
        Assert.Equal(("custom", 7L), (sent.TemplateType, sent.TemplateId!.Value));
        var message = Assert.Single(await Control.MessagesAsync());
        Assert.Equal(KakaoApi.CustomMemoPath, message.GetProperty("endpoint").GetString());
        Assert.Equal(7, message.GetProperty("templateId").GetInt64());
        Assert.Equal("""{"count":"42","name":"nightly"}""", message.GetProperty("templateArgs").GetString());
        Assert.Equal("nightly 빌드 42건", message.GetProperty("rendered").GetProperty("content").GetProperty("title").GetString());
        Assert.Equal(JsonValueKind.Null, message.GetProperty("templateObject").ValueKind);
    }

    [Fact]
    public async Task A_template_id_Kakao_does_not_know_is_Kakaos_minus_2()
    {
        await ConnectAsync();

        var error = Shell.Run("Send-KakaoMemo -TemplateId 999 -TokenPath kakao_token.json").SingleError();

        Assert.StartsWith("Kakao-2,", error.FullyQualifiedErrorId);
        Assert.Contains("template not found", error.ToString());
        Assert.Contains("[도구] > [메시지 템플릿]", error.ErrorDetails.RecommendedAction);
        Assert.Contains("999", error.ErrorDetails.RecommendedAction);
        Assert.Empty(await Control.MessagesAsync());
    }

    [Fact]
    public void Rows_with_more_columns_than_a_list_entry_has_become_entries_and_hashtable_typos_are_still_refused()
    {
        var template = Shell.Run("""
            "Title,Description,Status`nbuild 41,main,passed`nbuild 42,main,failed" | ConvertFrom-Csv |
                New-KakaoListTemplate -HeaderTitle builds -WebUrl https://ci.example.com
            """).Succeeded().Single<KakaoTemplate>();

        var contents = JsonDocument.Parse(template.Json).RootElement.GetProperty("contents");
        Assert.Equal(new[] { "build 41", "build 42" }, contents.EnumerateArray().Select(c => c.GetProperty("title").GetString()));
        Assert.All(contents.EnumerateArray(), c => Assert.Equal("main", c.GetProperty("description").GetString()));
        Assert.DoesNotContain("passed", template.Json);

        var typo = Shell.Run("New-KakaoListTemplate -HeaderTitle h -Content @{ Titel = 'x' }, @{ Title = 'y' }").SingleError();
        Assert.Contains("Titel", typo.ToString());
    }

    [Theory]
    [InlineData("@{ Title = 'only' }", 1)]
    [InlineData("@{ Title = 'a' }, @{ Title = 'b' }, @{ Title = 'c' }, @{ Title = 'd' }", 4)]
    public void A_list_of_the_wrong_length_is_told_by_the_parameter_name_not_Kakaos_field(string content, int count)
    {
        var error = Shell.Run("New-KakaoListTemplate -HeaderTitle h -Content " + content).SingleError();

        Assert.StartsWith("InvalidTemplate,", error.FullyQualifiedErrorId);
        Assert.Equal($"-Content has {count} entries; a list template holds 2 to 3.", error.Exception.Message);
        Assert.Contains("-Content", error.ErrorDetails.RecommendedAction);
        Assert.DoesNotContain("contents", error.Exception.Message + error.ErrorDetails.RecommendedAction);
    }

    [Fact]
    public void A_wrong_entry_is_told_by_the_parameter_and_property_the_user_gave_and_the_builder_is_not_advised()
    {
        var error = Shell.Run("New-KakaoListTemplate -HeaderTitle h -WebUrl https://example.com -Content @{ Title = 'a' }, @{ Title = 'b'; ImageUrl = 'ftp://x' }").SingleError();

        Assert.StartsWith("InvalidTemplate,", error.FullyQualifiedErrorId);
        Assert.Contains("-Content[1].ImageUrl 'ftp://x'", error.Exception.Message);
        Assert.DoesNotContain("contents", error.Exception.Message);
        Assert.DoesNotContain("New-Kakao", error.ErrorDetails.RecommendedAction);
    }

    [Fact]
    public async Task A_scrap_is_sent_with_the_page_and_optionally_a_console_template()
    {
        await ConnectAsync();
        await ConfigureTemplateAsync(8);

        var results = Shell.Run("""
            Send-KakaoMemo -ScrapUrl https://example.com/news/1 -TokenPath kakao_token.json
            Send-KakaoMemo -ScrapUrl https://example.com/news/2 -TemplateId 8 -TemplateArgs ([pscustomobject]@{ name = '뉴스'; count = 2 }) -TokenPath kakao_token.json
            """).Succeeded().All<KakaoMemoResult>().ToList();

        Assert.Equal(new[] { "scrap", "scrap" }, results.Select(r => r.TemplateType));
        Assert.Equal("https://example.com/news/1", results[0].ScrapUrl);
        var messages = await Control.MessagesAsync();
        Assert.All(messages, m => Assert.Equal(KakaoApi.ScrapMemoPath, m.GetProperty("endpoint").GetString()));
        Assert.Equal("https://example.com/news/1", messages[0].GetProperty("requestUrl").GetString());
        Assert.Equal(JsonValueKind.Null, messages[0].GetProperty("templateId").ValueKind);
        Assert.Equal("https://example.com/news/2", messages[1].GetProperty("requestUrl").GetString());
        Assert.Equal(8, messages[1].GetProperty("templateId").GetInt64());
        Assert.Equal("""{"count":"2","name":"뉴스"}""", messages[1].GetProperty("templateArgs").GetString());
    }

    [Theory]
    [InlineData("Send-KakaoMemo -Text hi -TemplateId 7")]
    [InlineData("Send-KakaoMemo -Template @{} -ScrapUrl https://example.com")]
    [InlineData("Send-KakaoMemo -Template @{} -Title t")]
    [InlineData("Send-KakaoMemo -ScrapUrl https://example.com -Overflow Split")]
    [InlineData("Send-KakaoMemo -TemplateArgs @{ a = 'b' } -Text hi")]
    [InlineData("Send-KakaoMemo -Text hi -Button @{ Title = '1' }, @{ Title = '2' }, @{ Title = '3' }")]
    public async Task Parameters_that_do_not_go_together_are_refused_by_the_binder(string script)
    {
        var result = Shell.Run(script + " -TokenPath kakao_token.json");

        Assert.IsAssignableFrom<ParameterBindingException>(result.SingleError().Exception);
        Assert.Empty(await Control.RequestsAsync());
    }

    [Theory]
    [InlineData("Send-KakaoMemo -Template (New-KakaoFeedTemplate '미리보기 👀') -WhatIf")]
    [InlineData("New-KakaoListTemplate '목록' -Content @{ Title = 'a' }, @{ Title = 'b' } | Send-KakaoMemo -WhatIf")]
    [InlineData("Send-KakaoMemo -TemplateId 7 -TemplateArgs @{ name = 'x' } -WhatIf")]
    [InlineData("Send-KakaoMemo -ScrapUrl https://example.com/news/1 -WhatIf")]
    public async Task WhatIf_sends_no_template_and_needs_no_login(string script)
    {
        var result = Shell.Run(script + " -TokenPath kakao_token.json").Succeeded();

        Assert.Empty(result.Output);
        Assert.Empty(await Control.RequestsAsync());
        Assert.False(File.Exists(Folder.TokenPath));
    }

    private Task ConfigureTemplateAsync(long id) =>
        Control.ConfigureAppAsync(Key, new
        {
            templates = new Dictionary<string, object>
            {
                [id.ToString()] = new { object_type = "feed", content = new { title = "${name} 빌드 ${count}건", link = new { web_url = "https://example.com" } } },
            },
        });
}
