using System.Linq;
using System.Threading.Tasks;
using KakaoPS.Tests.Infrastructure;
using KakaoPS.Api;
using KakaoPS.Models;

namespace KakaoPS.Tests.Cmdlets;

/// <summary>Transient faults are retried, others are not, against the emulator's fault injection.</summary>
[Collection(CmdletCollection.Name)]
public sealed class RetryTests : RecordedCmdletTest
{
    private const string MemoPath = KakaoApi.DefaultMemoPath;
    private const string Send = "Send-KakaoMemo -Text $args[0] -TokenPath kakao_token.json -RetryIntervalSec 0 ";

    public RetryTests(CmdletEnvironment environment) : base(environment)
    {
    }

    private Task LoggedInAsync(bool accessExpired = false) => TokenFiles.WriteAsync(Emulator, Folder.TokenPath, accessExpired);

    private async Task<int> RequestsToAsync(string path) => (await Control.RequestsAsync()).Count(r => r.GetProperty("path").GetString() == path);

    [Fact]
    public async Task A_503_then_success_is_delivered_once_with_two_attempts()
    {
        await LoggedInAsync();
        await Control.AddFaultAsync(new { path = MemoPath, status = 503 });

        var result = Run(Send, "배포 완료").Succeeded();

        var sent = result.Single<KakaoMemoResult>();
        Assert.True(sent.Success);
        Assert.Equal(2, sent.Attempts);
        Assert.Equal(new[] { "배포 완료" }, await Control.MemoTextsAsync());
        Assert.Contains(result.Verbose, v => v.Contains("Attempt 1 failed (HttpError503)"));
    }

    [Fact]
    public async Task A_dropped_connection_is_retried()
    {
        await LoggedInAsync();
        await Control.AddFaultAsync(new { path = MemoPath, drop = true });

        var sent = Run(Send, "after a drop").Succeeded().Single<KakaoMemoResult>();

        Assert.Equal(2, sent.Attempts);
        Assert.Equal(new[] { "after a drop" }, await Control.MemoTextsAsync());
    }

    [Fact]
    public async Task An_answer_slower_than_TimeoutSec_is_abandoned_and_retried()
    {
        await LoggedInAsync();
        await Control.AddFaultAsync(new { path = MemoPath, delayMs = 5000 });

        var result = Run(Send + "-TimeoutSec 1", "slow").Succeeded();

        Assert.Equal(2, result.Single<KakaoMemoResult>().Attempts);
        Assert.Contains(result.Verbose, v => v.Contains("Attempt 1 failed (KakaoTimeout)"));
        Assert.Equal(new[] { "slow" }, await Control.MemoTextsAsync());
    }

    [Theory]
    [InlineData(400, """{"msg":"template_object is invalid","code":-2}""", "Kakao-2")]
    [InlineData(400, """{"msg":"API limit has been exceeded.","code":-10}""", "Kakao-10")]
    [InlineData(403, """{"msg":"insufficient scopes.","code":-402,"required_scopes":["talk_message"]}""", "Kakao-402")]
    [InlineData(400, null, "HttpError400")]
    public async Task Other_4xx_are_reported_after_one_attempt(int status, string? body, string errorId)
    {
        await LoggedInAsync();
        await Control.AddFaultAsync(new { path = MemoPath, status, body });

        var error = Run(Send, "refused").SingleError();

        Assert.StartsWith(errorId + ",", error.FullyQualifiedErrorId);
        Assert.DoesNotContain("Tried", error.ToString());
        Assert.Equal(1, await RequestsToAsync(MemoPath));
        Assert.Empty(await Control.MessagesAsync());
    }

    [Fact]
    public async Task A_reused_code_KOE320_is_not_retried()
    {
        var code = await Control.NewCodeAsync(Key);
        Run("Connect-Kakao -Code $args[0] -RestApiKey $args[1] -TokenPath kakao_token.json", code, Key).Succeeded();

        var error = Run("Connect-Kakao -Code $args[0] -RestApiKey $args[1] -TokenPath kakao_token.json", code, Key).SingleError();

        Assert.StartsWith("KOE320,", error.FullyQualifiedErrorId);
        Assert.Equal(2, await RequestsToAsync("/oauth/token"));
    }

    [Fact]
    public async Task When_every_attempt_fails_the_error_says_how_often_it_tried()
    {
        await LoggedInAsync();
        await Control.AddFaultAsync(new { path = MemoPath, status = 503, count = 10 });

        var error = Run(Send + "-MaximumRetryCount 3", "never").SingleError();

        Assert.StartsWith("HttpError503,", error.FullyQualifiedErrorId);
        Assert.Contains("Tried 4 times", error.ToString());
        Assert.Equal(4, await RequestsToAsync(MemoPath));
        Assert.Empty(await Control.MessagesAsync());
    }

    [Fact]
    public async Task Retry_After_sets_the_wait_and_one_beyond_the_budget_stops_at_once()
    {
        await LoggedInAsync();
        await Control.AddFaultAsync(new { path = MemoPath, status = 503, retryAfter = "120" });
        var refused = Run(Send, "not waited").SingleError();
        Assert.Contains("Kakao asked to wait 120 s", refused.ToString());

        await Control.AddFaultAsync(new { path = MemoPath, status = 429, retryAfter = "1" });
        var honoured = Run(Send, "waited").Succeeded();
        Assert.Contains(honoured.Verbose, v => v.Contains("(HttpError429); trying again in 1.0 s"));
        Assert.Equal(new[] { "waited" }, await Control.MemoTextsAsync());
    }

    [Fact]
    public async Task A_transient_KOE003_during_the_refresh_is_retried()
    {
        await LoggedInAsync(accessExpired: true);
        await Control.AddFaultAsync(new
        {
            path = "/oauth/token",
            status = 500,
            body = """{"error":"server_error","error_description":"temporary","error_code":"KOE003"}""",
        });

        var sent = Run(Send, "refreshed on the second try").Succeeded().Single<KakaoMemoResult>();

        Assert.True(sent.Success);
        Assert.Equal(1, sent.Attempts);
        Assert.Equal(2, await RequestsToAsync("/oauth/token"));
    }
}
