using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Text.Json;
using System.Threading.Tasks;
using KakaoPS.Tests.Infrastructure;

namespace KakaoPS.Tests.Module;

/// <summary>The published module (out/KakaoPS) in real `dotnet pwsh` processes, as users and CI run it.</summary>
public sealed class PublishedModuleTests : IClassFixture<EmulatorFixture>, IDisposable
{
    private readonly EmulatorFixture _emulator;
    private readonly TempFolder _folder = new();

    public PublishedModuleTests(EmulatorFixture emulator)
    {
        _emulator = emulator;
    }

    public void Dispose() => _folder.Dispose();

    private Dictionary<string, string?> Environment => _emulator.ProcessEnvironment(_folder.TokenPath);

    [Fact]
    public async Task The_lessons_flow_runs_in_a_fresh_pwsh_process()
    {
        var code = await _emulator.Control.NewCodeAsync(_emulator.RestApiKey);
        const string script = """
            $context = Connect-Kakao -Code $env:TEST_CODE
            $sent = 'line 1', 'line 2' | Send-KakaoMemo -Title '한글 제목 🚀'
            $missing = @(Get-KakaoScope | Where agreed -eq $false)
            "client=$($context.ClientId) success=$($sent.Success) type=$($sent.GetType().FullName) missing=$($missing.Count)"
            """;
        var environment = Environment;
        environment["TEST_CODE"] = code;

        var result = (await PwshProcess.RunAsync(script, environment)).Succeeded();

        Assert.Contains($"client={_emulator.RestApiKey} success=True type=KakaoPS.Models.KakaoMemoResult missing=0", result.Output);
        Assert.Contains("한글 제목 🚀\nline 1\nline 2", await _emulator.Control.MemoTextsAsync());
        Assert.True(File.Exists(_folder.TokenPath));
    }

    [Fact]
    public async Task Remove_Module_forgets_a_memory_only_login()
    {
        var code = await _emulator.Control.NewCodeAsync(_emulator.RestApiKey);
        const string script = """
            $null = Connect-Kakao -Code $env:TEST_CODE -ContextScope Process
            "before=$((Get-KakaoContext).TokenScope)"
            Remove-Module KakaoPS
            Import-Module $env:TEST_MANIFEST
            "after=$(if (Get-KakaoContext -ErrorAction Stop) { 'connected' } else { 'none' })"
            """;
        var environment = Environment;
        environment["TEST_CODE"] = code;
        environment["TEST_MANIFEST"] = Repository.PublishedManifest;

        var output = (await PwshProcess.RunAsync(script, environment)).Output;

        Assert.Contains("before=Process", output);
        Assert.Contains("after=none", output);
        Assert.False(File.Exists(_folder.TokenPath));
    }

    [Fact]
    public async Task A_failed_send_fails_the_CI_step()
    {
        var result = await PwshProcess.RunAsync("Send-KakaoMemo -Text 'deploy done'", Environment);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("Connect-Kakao", result.Error + result.Output);
    }

    [Fact]
    public async Task Import_Module_by_name_finds_the_installed_module()
    {
        var modules = Directory.CreateDirectory(_folder.File("Modules")).FullName;
        CopyFolder(Path.GetDirectoryName(Repository.PublishedManifest)!, Path.Combine(modules, "KakaoPS"));
        var environment = Environment;
        environment["PSModulePath"] = modules;

        var result = (await PwshProcess.RunAsync(
            "Remove-Module KakaoPS; Import-Module KakaoPS; (Get-Command -Module KakaoPS).Name -join ','; (Get-Module KakaoPS).ModuleBase",
            environment)).Succeeded();

        Assert.Contains("Connect-Kakao", result.Output);
        Assert.Contains("Send-KakaoMemo", result.Output);
        Assert.Contains(Path.Combine(modules, "KakaoPS"), result.Output);
    }

    [Fact]
    public async Task The_lessons_Python_send_script_reads_the_token_file_the_module_wrote()
    {
        var code = await _emulator.Control.NewCodeAsync(_emulator.RestApiKey);
        var environment = Environment;
        environment["TEST_CODE"] = code;
        (await PwshProcess.RunAsync("Connect-Kakao -Code $env:TEST_CODE | Out-Null", environment)).Succeeded();

        // The lesson's send script, with only its host changed (urllib instead of requests keeps it dependency-free).
        var python = $$$"""
            import json, urllib.parse, urllib.request
            with open({{{JsonSerializer.Serialize(_folder.TokenPath)}}}, "r") as json_file:
                tokens = json.load(json_file)
            url = {{{JsonSerializer.Serialize(_emulator.BaseUrl + "/v2/api/talk/memo/default/send")}}}
            headers = {"Authorization": "Bearer " + tokens["access_token"]}
            data = {"template_object": json.dumps({"object_type": "text", "text": "우리는 서강대 멋사 10기야~", "link": {"web_url": "https://www.instagram.com/likelion_sg"}})}
            request = urllib.request.Request(url, data=urllib.parse.urlencode(data).encode(), headers=headers)
            with urllib.request.urlopen(request) as response:
                print(response.status)
                if json.load(response).get("result_code") == 0:
                    print("메시지를 성공적으로 보냈습니다!")
            """;
        var start = new ProcessStartInfo("python3") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["PYTHONIOENCODING"] = "utf-8";
        using var process = Process.Start(start)!;
        await process.StandardInput.WriteAsync(python);
        process.StandardInput.Close();
        var output = await process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.True(process.ExitCode == 0, error);
        Assert.Equal("200\n메시지를 성공적으로 보냈습니다!\n", output);
        Assert.Contains("우리는 서강대 멋사 10기야~", await _emulator.Control.MemoTextsAsync());
    }

    [Fact]
    public async Task A_token_file_written_by_the_lesson_is_read_as_Kakao_tokens()
    {
        // The lesson's script writes Kakao's response as it is: no host, no absolute times.
        File.WriteAllText(_folder.TokenPath, """{"access_token": "t_RkC7N-NVuUWIG0Ttem21-AgR1CS_5cIGbVNAo9dGgAAAGAO3wTnw", "token_type": "bearer", "refresh_token": "RD1X0628WoRAZm2f0pxEj", "expires_in": 21599, "refresh_token_expires_in": 5183999}""");
        var written = new DateTime(2026, 11, 1, 12, 0, 0, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(_folder.TokenPath, written);
        var environment = Environment;
        environment.Remove("KAKAOPS_AUTH_URL");
        environment.Remove("KAKAOPS_API_URL");

        var result = (await PwshProcess.RunAsync(
            "Remove-Item Env:KAKAOPS_AUTH_URL, Env:KAKAOPS_API_URL -ErrorAction Ignore; $c = Get-KakaoContext; \"$($c.ApiUrl)|$($c.AccessTokenExpiresAt.UtcDateTime.ToString('o'))|$($c.RefreshTokenExpiresAt.UtcDateTime.ToString('o'))\"",
            environment)).Succeeded();

        Assert.Contains($"https://kapi.kakao.com|{written.AddSeconds(21599):o}|{written.AddSeconds(5183999):o}", result.Output);
        Assert.DoesNotContain("t_RkC7N", result.Output);
    }

    private static void CopyFolder(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }
    }
}
