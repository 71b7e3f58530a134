using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using KakaoPS.Tests.Cmdlets;

namespace KakaoPS.Tests.Attacks;

/// <summary>
/// A file that merely mentions Kakao's field names (the lesson's Python script, a README copy) given as
/// -TokenPath: only a file that parses as a token file is ever changed, locked, narrowed or deleted.
/// </summary>
[Collection(CmdletCollection.Name)]
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class ForeignFileAttackTests : RecordedCmdletTest
{
    private const string Script = "import json, requests\n\nwith open(\"kakao_token.json\") as f:\n    tokens = json.load(f)\n\nheaders = {\"Authorization\": \"Bearer \" + tokens[\"access_token\"]}\nprint(tokens[\"refresh_token\"])\n";

    public ForeignFileAttackTests(CmdletEnvironment environment) : base(environment)
    {
    }

    [Theory]
    [InlineData("Get-KakaoContext -TokenPath ./kakao_send.py")]
    [InlineData("Test-KakaoConnection -TokenPath ./kakao_send.py | Out-Null; Get-KakaoContext -TokenPath ./kakao_send.py")]
    [InlineData("Send-KakaoMemo -Text 'x' -TokenPath ./kakao_send.py")]
    [InlineData("Disconnect-Kakao -TokenPath ./kakao_send.py -WhatIf")]
    [InlineData("Disconnect-Kakao -TokenPath ./kakao_send.py -Confirm:$false")]
    [InlineData("Connect-Kakao -RefreshToken 'rt' -RestApiKey $args[0] -TokenPath ./kakao_send.py")]
    public async Task A_script_that_mentions_the_token_fields_is_refused_and_left_exactly_as_it_was(string script)
    {
        var path = Folder.File("kakao_send.py");
        File.WriteAllText(path, Script);
        var mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
        File.SetUnixFileMode(path, mode);
        var writtenAt = File.GetLastWriteTimeUtc(path);

        var result = Run(script, Key);

        var error = Assert.Single(result.Errors);
        Assert.StartsWith("NotATokenFile,", error.FullyQualifiedErrorId);
        Assert.DoesNotContain("Connect-Kakao", error.ErrorDetails.RecommendedAction);
        Assert.DoesNotContain("Disconnect-Kakao", error.ErrorDetails.RecommendedAction);
        Assert.Equal(Script, File.ReadAllText(path));
        Assert.Equal(mode, File.GetUnixFileMode(path));
        Assert.Equal(writtenAt, File.GetLastWriteTimeUtc(path));
        Assert.Equal(new[] { "kakao_send.py" }, Directory.GetFileSystemEntries(Folder.Path).Select(Path.GetFileName));
        Assert.DoesNotContain(await Control.RequestsAsync(), r => r.GetProperty("path").GetString() == "/oauth/token");
    }
}
