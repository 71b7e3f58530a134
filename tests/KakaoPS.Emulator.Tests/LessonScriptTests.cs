using System.Diagnostics;
using System.Text;
using KakaoPS.Emulator.Tests.Support;
using Xunit.Abstractions;

namespace KakaoPS.Emulator.Tests;

/// <summary>
/// The lesson's two Python scripts, changed only in their host, run against the emulator and print what the
/// lesson says they print — including the KOE320 body when the token script runs a second time.
/// </summary>
public sealed class LessonScriptTests(ITestOutputHelper output) : EmulatorTest, IDisposable
{
    private readonly string _workDir = Directory.CreateTempSubdirectory("kakaops-lesson-").FullName;

    public void Dispose() => Directory.Delete(_workDir, recursive: true);

    [Fact]
    public async Task Lesson_scripts_get_a_token_send_a_memo_and_hit_KOE320_on_a_second_run()
    {
        var code = await CodeAsync();
        PrepareScripts(code);

        var firstRun = await RunPythonAsync("get_token.py");
        Assert.Matches(@"^\{'access_token': '[A-Za-z0-9_-]{54,64}', 'token_type': 'bearer', 'refresh_token': '[A-Za-z0-9_-]+', 'expires_in': 21599, 'scope': 'profile_nickname profile_image talk_message', 'refresh_token_expires_in': 5183999\}$",
            firstRun.Trim());

        var send = await RunPythonAsync("send_memo.py");
        var lines = send.Trim().Split('\n');
        Assert.Equal("200", lines[0]);
        Assert.Equal("메시지를 성공적으로 보냈습니다!", lines[1]);
        Assert.Equal($"{{'id': {EmulatorDefaults.UserId}, 'scopes': [" +
            "{'id': 'profile_nickname', 'display_name': 'Nickname', 'type': 'PRIVACY', 'using': True, 'agreed': True, 'revocable': False}, " +
            "{'id': 'profile_image', 'display_name': 'Profile image', 'type': 'PRIVACY', 'using': True, 'agreed': True, 'revocable': False}, " +
            "{'id': 'talk_message', 'display_name': 'Send message in KakaoTalk', 'type': 'SERVICE', 'using': True, 'agreed': True, 'revocable': True}]}",
            lines[2]);
        var message = (await ControlGetAsync("messages"))[0];
        // json.dumps escapes Hangul as \uXXXX; the recorded form value keeps exactly that.
        Assert.Contains("\\uc6b0\\ub9ac\\ub294", message.GetProperty("templateObject").GetString());
        Assert.Equal("우리는 서강대 멋사 10기야~", message.GetProperty("rendered").GetProperty("text").GetString());

        await ControlPostAsync("consent", new { scope = "talk_message", agreed = false });
        var refused = (await RunPythonAsync("send_memo.py")).Trim().Split('\n');
        Assert.Equal("403", refused[0]);
        Assert.Equal("메시지를 성공적으로 보내지 못했습니다. 오류메시지 : {'msg': 'insufficient scopes.', 'code': -402, 'api_type': 'TALK_MEMO_DEFAULT_SEND', 'required_scopes': ['talk_message'], 'allowed_scopes': ['profile_nickname', 'profile_image']}",
            refused[1]);

        var secondRun = await RunPythonAsync("get_token.py");
        Assert.Equal($"{{'error': 'invalid_grant', 'error_description': 'authorization code not found for code={code}', 'error_code': 'KOE320'}}",
            secondRun.Trim());
        // As the lesson warns, the error response has overwritten kakao_token.json.
        Assert.Contains("KOE320", await File.ReadAllTextAsync(Path.Combine(_workDir, "kakao_token.json")));
    }

    /// <summary>Copies the scripts with Kakao's hosts replaced by the emulator's, and writes the lesson's .env.</summary>
    private void PrepareScripts(string code)
    {
        var baseUrl = Host.BaseUrl.GetLeftPart(UriPartial.Authority);
        var source = Path.Combine(AppContext.BaseDirectory, "Lesson");
        foreach (var script in new[] { "get_token.py", "send_memo.py", "dotenv.py" })
        {
            var text = File.ReadAllText(Path.Combine(source, script))
                .Replace("https://kauth.kakao.com", baseUrl)
                .Replace("https://kapi.kakao.com", baseUrl);
            File.WriteAllText(Path.Combine(_workDir, script), text);
        }
        File.WriteAllText(Path.Combine(_workDir, ".env"), $"REST_API_KEY = {Key}\nAUTHORIZATION_CODE = {code}\n");
    }

    private async Task<string> RunPythonAsync(string script)
    {
        var start = new ProcessStartInfo("python3", script)
        {
            WorkingDirectory = _workDir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        start.Environment["PYTHONIOENCODING"] = "utf-8";
        start.Environment["NO_PROXY"] = "127.0.0.1,localhost";

        using var process = Process.Start(start) ?? throw new InvalidOperationException("python3 did not start");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        output.WriteLine($"$ python3 {script}\n{await stdout}{await stderr}");
        Assert.True(process.ExitCode == 0, $"python3 {script} exited with {process.ExitCode}: {await stderr}");
        return await stdout;
    }
}
