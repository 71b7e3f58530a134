using System;
using System.IO;

namespace KakaoPS.Tests.Cmdlets;

/// <summary>Every kind of bad input gets an error with a stable id before anything is sent or written.</summary>
[Collection(CmdletCollection.Name)]
public sealed class BadInputTests : RecordedCmdletTest
{
    private const string Invalid = "ParameterArgumentValidationError";

    public BadInputTests(CmdletEnvironment environment) : base(environment)
    {
    }

    [Theory]
    [InlineData("Send-KakaoMemo -Text ''", Invalid)]
    [InlineData("Send-KakaoMemo -Text '   '", "EmptyMessage")]
    [InlineData("$null | Send-KakaoMemo", "EmptyMessage")]
    [InlineData("@() | Send-KakaoMemo", "EmptyMessage")]
    [InlineData("Send-KakaoMemo -Text x -WebUrl 'not a url'", "InvalidUrl")]
    [InlineData("Send-KakaoMemo -Text x -MobileWebUrl 'ftp://example.com/x'", "InvalidUrl")]
    [InlineData("Send-KakaoMemo -Text x -ButtonTitle '123456789012345'", Invalid)]
    [InlineData("New-KakaoFeedTemplate t -ButtonTitle '123456789012345'", Invalid)]
    [InlineData("Send-KakaoMemo -Text x -ButtonTitle '보기' -Button @{ Title = '열기' }", "ButtonConflict")]
    [InlineData("New-KakaoFeedTemplate t -ButtonTitle '보기' -Button @{ Title = '열기' }", "ButtonConflict")]
    [InlineData("Send-KakaoMemo -Text x -MaxMessages 0", Invalid)]
    [InlineData("Send-KakaoMemo -Text x -MaxMessages 101", Invalid)]
    [InlineData("Send-KakaoMemo -Text x -MaximumRetryCount -1", Invalid)]
    [InlineData("Send-KakaoMemo -Text x -MaximumRetryCount 11", Invalid)]
    [InlineData("Send-KakaoMemo -Text x -RetryIntervalSec 31", Invalid)]
    [InlineData("Send-KakaoMemo -Text x -TimeoutSec 0", Invalid)]
    [InlineData("Send-KakaoMemo -Text x -TimeoutSec 601", Invalid)]
    [InlineData("Send-KakaoMemo -Text x -TimeoutSec 99999999999", "CannotConvertArgumentNoMessage")]
    [InlineData("Send-KakaoMemo -Text x -TokenPath '   '", "InvalidTokenPath")]
    [InlineData("Send-KakaoMemo -Text x -TokenPath .", "InvalidTokenPath")]
    [InlineData("Send-KakaoMemo -Text x -TokenPath kakao_token.json", "NotConnected")]
    [InlineData("Get-KakaoScope -Id '' -TokenPath kakao_token.json", Invalid)]
    [InlineData("Get-KakaoAuthUrl -RestApiKey '  '", "MissingRestApiKey")]
    [InlineData("Get-KakaoAuthUrl -RestApiKey \"key`nwith a line break\"", "InvalidRestApiKey")]
    [InlineData("Get-KakaoAuthUrl", "MissingRestApiKey")]
    [InlineData("Get-KakaoAuthUrl -RestApiKey k -RedirectUri 'not a url'", "InvalidRedirectUri")]
    [InlineData("Get-KakaoAuthUrl -RestApiKey k -Prompt sometimes", Invalid)]
    [InlineData("Connect-Kakao -Code '' -RestApiKey k", Invalid)]
    [InlineData("Connect-Kakao -RefreshToken $null -RestApiKey k", Invalid)]
    public void Bad_input_is_refused_with_a_stable_error_id(string script, string errorId)
    {
        var result = Run(script);

        var error = result.Terminating is System.Management.Automation.IContainsErrorRecord terminating
            ? terminating.ErrorRecord
            : Assert.Single(result.Errors);
        Assert.StartsWith(errorId + ",", error.FullyQualifiedErrorId);
        Assert.False(string.IsNullOrWhiteSpace(error.ToString()));
        Assert.False(File.Exists(Folder.TokenPath));
    }

    [Fact]
    public void A_dotenv_line_that_cannot_be_parsed_is_named_without_quoting_its_content_and_the_rest_is_used()
    {
        File.WriteAllText(Folder.File(".env"), "KAKAO_CLIENT_SECRET=\"very-secret-value\nREST_API_KEY=abc\n");

        var result = Run("Get-KakaoAuthUrl").Succeeded();

        Assert.Equal("abc", result.Single<KakaoPS.Models.KakaoAuthUrl>().ClientId);
        var warning = Assert.Single(result.Warnings);
        Assert.Contains(Folder.File(".env") + ", line 1", warning);
        Assert.Contains("KAKAO_CLIENT_SECRET", warning);
        Assert.DoesNotContain("very-secret-value", warning);
    }

    [Fact]
    public void An_endpoint_that_is_not_a_URL_is_named()
    {
        var saved = Environment.GetEnvironmentVariable("KAKAOPS_API_URL");
        Environment.SetEnvironmentVariable("KAKAOPS_API_URL", "kapi.kakao.com");
        try
        {
            var error = Run("Get-KakaoContext -TokenPath kakao_token.json").SingleError();

            Assert.StartsWith("InvalidEndpoint,", error.FullyQualifiedErrorId);
            Assert.Contains("KAKAOPS_API_URL", error.ErrorDetails.RecommendedAction);
        }
        finally
        {
            Environment.SetEnvironmentVariable("KAKAOPS_API_URL", saved);
        }
    }
}
