using System.Net;
using KakaoPS.Emulator.Tests.Support;

namespace KakaoPS.Emulator.Tests;

public sealed class TemplateTypesTests : EmulatorTest
{
    private const string Link = """{"web_url":"https://example.com","mobile_web_url":"https://m.example.com"}""";
    private const string Content = $$$"""{"title":"오늘의 디저트","description":"아메리카노, 빵","image_url":"https://example.com/a.jpg","image_width":640,"image_height":640,"link":{{{Link}}}}""";

    public static TheoryData<string> ValidTemplates() => new()
    {
        $$$"""{"object_type":"feed","content":{{{Content}}},"item_content":{"profile_text":"Kakao","items":[{"item":"케익","item_op":"1000원"}],"sum":"합계","sum_op":"1000원"},"social":{"like_count":3},"buttons":[{"title":"웹으로 보기","link":{{{Link}}}}]}""",
        $$$"""{"object_type":"list","header_title":"WEEKLY MAGAZINE","header_link":{{{Link}}},"contents":[{{{Content}}},{{{Content}}}],"button_title":"더 보기"}""",
        $$$"""{"object_type":"list","header_title":"three","header_link":{{{Link}}},"contents":[{{{Content}}},{{{Content}}},{{{Content}}}]}""",
        $$$"""{"object_type":"location","address":"경기 성남시 분당구 판교역로 166","address_title":"카카오 판교아지트","content":{{{Content}}}}""",
        $$$"""{"object_type":"commerce","content":{{{Content}}},"commerce":{"product_name":"커피","regular_price":5000,"discount_price":4000,"discount_rate":20}}""",
    };

    public static TheoryData<string> InvalidTemplates() => new()
    {
        """{"object_type":"feed"}""",
        """{"object_type":"feed","content":{"title":"no link"}}""",
        $$$"""{"object_type":"feed","content":{{{Content}}},"item_content":{"items":[{},{},{},{},{},{}]}}""",
        $$$"""{"object_type":"list","header_title":"one","header_link":{{{Link}}},"contents":[{{{Content}}}]}""",
        $$$"""{"object_type":"list","header_title":"four","header_link":{{{Link}}},"contents":[{{{Content}}},{{{Content}}},{{{Content}}},{{{Content}}}]}""",
        $$$"""{"object_type":"list","header_title":"no header link","contents":[{{{Content}}},{{{Content}}}]}""",
        $$$"""{"object_type":"list","header_link":{{{Link}}},"contents":[{{{Content}}},{{{Content}}}]}""",
        $$$"""{"object_type":"location","content":{{{Content}}}}""",
        $$$"""{"object_type":"commerce","content":{{{Content}}},"commerce":{"product_name":"no price"}}""",
        $$$"""{"object_type":"commerce","content":{{{Content}}},"commerce":{"regular_price":"5000"}}""",
        $$$"""{"object_type":"commerce","content":{{{Content}}}}""",
        $$$"""{"object_type":"feed","content":{"title":1,"link":{{{Link}}}}}""",
        $$$"""{"object_type":"feed","content":{"image_width":"640","link":{{{Link}}}}}""",
    };

    [Theory]
    [MemberData(nameof(ValidTemplates))]
    public async Task Valid_templates_of_every_type_are_accepted(string template)
    {
        var response = await SendMemoAsync(await AccessTokenAsync(), template);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(template, (await ControlGetAsync("messages"))[0].GetProperty("templateObject").GetString());
    }

    [Theory]
    [MemberData(nameof(InvalidTemplates))]
    public async Task Templates_breaking_the_rules_are_minus_2(string template)
    {
        await AssertApiErrorAsync(await SendMemoAsync(await AccessTokenAsync(), template), HttpStatusCode.BadRequest, -2);
    }
}
