namespace KakaoPS.Tests.Infrastructure;

/// <summary>Sample templates shared by the core's and the cmdlets' tests.</summary>
public static class TemplateSamples
{
    private const string Link = """{"web_url":"https://example.com","mobile_web_url":"https://m.example.com"}""";
    private const string Content = """{"title":"오늘의 디저트","link":""" + Link + "}";

    /// <summary>A valid template of every type Kakao's memo API takes, in Kakao's own field order.</summary>
    public static TheoryData<string> ValidTemplates => new()
    {
        """{"object_type":"text","text":"빌드 성공 ✅","link":""" + Link + ""","button_title":"바로 확인"}""",
        """{"object_type":"feed","content":{"title":"오늘의 디저트","image_url":"https://example.com/a.jpg","image_width":640,"image_height":640,"description":"아메리카노, 빵, 케익","link":{"web_url":"https://example.com","android_execution_params":"contentId=100"}},"item_content":{"profile_text":"Kakao","items":[{"item":"Cake","item_op":"1000원"}],"sum":"Total","sum_op":"15000원"},"social":{"like_count":286,"comment_count":45},"buttons":[{"title":"웹으로 보기","link":""" + Link + "}]}",
        """{"object_type":"list","header_title":"WEEKLY MAGAZINE","header_link":""" + Link + ""","contents":[""" + Content + "," + Content + "]}",
        """{"object_type":"location","content":""" + Content + ""","address":"경기 성남시 분당구 판교역로 235","address_title":"카카오 판교아지트"}""",
        """{"object_type":"commerce","content":""" + Content + ""","commerce":{"regular_price":208800,"discount_price":146160,"discount_rate":30,"product_name":"Ivory long dress","currency_unit":"원","currency_unit_position":0}}""",
    };
}
