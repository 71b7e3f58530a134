using System.Net;
using KakaoPS.Emulator.Tests.Support;

namespace KakaoPS.Emulator.Tests;

public sealed class CustomAndScrapTests : EmulatorTest
{
    private const string CustomPath = "/v2/api/talk/memo/send";
    private const string ScrapPath = "/v2/api/talk/memo/scrap/send";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await PutAppAsync(Key, new
        {
            templates = new Dictionary<string, object>
            {
                ["12345"] = new
                {
                    object_type = "feed",
                    content = new { title = "${name}님, 빌드 완료", description = "결과: ${result}", link = new { web_url = "https://example.com" } },
                },
            },
            webDomains = new[] { "https://example.com", "http://localhost:8080" },
        });
    }

    [Fact]
    public async Task Custom_template_send_records_id_args_and_the_filled_template()
    {
        var args = """{"name":"민지","result":"성공 ✅"}""";
        var response = await PostFormAsync(CustomPath, [("template_id", "12345"), ("template_args", args)], await AccessTokenAsync());

        Assert.Equal("""{"result_code":0}""", (await AssertKakaoJsonAsync(response, HttpStatusCode.OK)).GetRawText());
        var message = (await ControlGetAsync("messages"))[0];
        Assert.Equal(CustomPath, message.GetProperty("endpoint").GetString());
        Assert.Equal(12345, message.GetProperty("templateId").GetInt64());
        Assert.Equal(args, message.GetProperty("templateArgs").GetString());
        Assert.Equal("민지님, 빌드 완료", message.GetProperty("rendered").GetProperty("content").GetProperty("title").GetString());
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("abc", null)]
    [InlineData("999", null)]
    [InlineData("12345", "not json")]
    [InlineData("12345", """{"name":1}""")]
    [InlineData("12345", """["a"]""")]
    public async Task Bad_custom_parameters_are_minus_2(string? templateId, string? args)
    {
        var form = new List<(string, string)>();
        if (templateId is not null) form.Add(("template_id", templateId));
        if (args is not null) form.Add(("template_args", args));

        await AssertApiErrorAsync(await PostFormAsync(CustomPath, [.. form], await AccessTokenAsync()), HttpStatusCode.BadRequest, -2);
    }

    [Theory]
    [InlineData("https://example.com/news/1")]
    [InlineData("http://localhost:8080/page")]
    public async Task Scrap_of_a_registered_domain_is_accepted(string url)
    {
        var response = await PostFormAsync(ScrapPath, [("request_url", url)], await AccessTokenAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(url, (await ControlGetAsync("messages"))[0].GetProperty("requestUrl").GetString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("not a url")]
    [InlineData("https://evil.example.org/")]
    [InlineData("http://example.com/")]
    [InlineData("http://localhost:9090/")]
    public async Task Scrap_without_url_or_of_an_unregistered_domain_is_minus_2(string? url)
    {
        var form = url is null ? Array.Empty<(string, string)>() : [("request_url", url)];
        await AssertApiErrorAsync(await PostFormAsync(ScrapPath, form, await AccessTokenAsync()), HttpStatusCode.BadRequest, -2);
    }

    [Fact]
    public async Task Scrap_with_a_template_fills_it()
    {
        var response = await PostFormAsync(ScrapPath,
            [("request_url", "https://example.com/a"), ("template_id", "12345"), ("template_args", """{"name":"A","result":"B"}""")],
            await AccessTokenAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("결과: B", (await ControlGetAsync("messages"))[0].GetProperty("rendered").GetProperty("content").GetProperty("description").GetString());
    }

    [Theory]
    [InlineData(CustomPath, "TALK_MEMO_SEND")]
    [InlineData(ScrapPath, "TALK_MEMO_SCRAP_SEND")]
    public async Task Missing_consent_names_the_api_type(string path, string apiType)
    {
        var token = await AccessTokenAsync(new { scopes = new[] { "profile_nickname" } });
        var body = await AssertApiErrorAsync(await PostFormAsync(path, [("template_id", "12345"), ("request_url", "https://example.com")], token),
            HttpStatusCode.Forbidden, -402);
        Assert.Equal(apiType, body.GetProperty("api_type").GetString());
    }
}
