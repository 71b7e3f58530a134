using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Threading.Tasks;
using KakaoPS.Configuration;
using KakaoPS.Logging;

namespace KakaoPS.Core.Tests;

/// <summary>.env is configuration read literally, line by line, from a regular file of at most 1 MB.</summary>
public sealed class DotEnvFileTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("kakaops-env-").FullName;
    private readonly List<string> _warnings = new();

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string DotEnv => Path.Combine(_folder, ".env");

    private KakaoConfiguration Load(string content)
    {
        File.WriteAllText(DotEnv, content);
        return Configuration();
    }

    private KakaoConfiguration Configuration() => new KakaoConfiguration(_folder, new KakaoLog(null, _warnings.Add));

    [Fact]
    public void Values_are_taken_literally_without_expanding_variables()
    {
        Environment.SetEnvironmentVariable("KAKAOPS_TEST_SECRET", "from-the-environment");
        try
        {
            var configuration = Load("A=https://example.com/?s=${KAKAOPS_TEST_SECRET}\nB=\"$KAKAOPS_TEST_SECRET ${KAKAOPS_TEST_SECRET:-x}\"\nC='${KAKAOPS_TEST_SECRET}'\n");

            Assert.Equal("https://example.com/?s=${KAKAOPS_TEST_SECRET}", configuration.Get("A"));
            Assert.Equal("$KAKAOPS_TEST_SECRET ${KAKAOPS_TEST_SECRET:-x}", configuration.Get("B"));
            Assert.Equal("${KAKAOPS_TEST_SECRET}", configuration.Get("C"));
            Assert.Empty(_warnings);
        }
        finally
        {
            Environment.SetEnvironmentVariable("KAKAOPS_TEST_SECRET", null);
        }
    }

    [Fact]
    public void The_usual_forms_are_read_and_a_line_DotNetEnv_refuses_is_a_warning()
    {
        var configuration = Load("# comment\r\nREST_API_KEY = abc123\r\nexport E1=one # a comment\nE2=two#not-a-comment\nE3=\"line\\nbreak\" # c\nE4='it''s'\nE5=\"a \\\"quote\\\"\"\nE6=\nE7\nAPP_SETTINGS={\"a\":1}\nE8=\"first\nsecond\"\n");

        Assert.Equal("abc123", configuration.Get("REST_API_KEY"));
        Assert.Equal("one", configuration.Get("E1"));
        Assert.Equal("two#not-a-comment", configuration.Get("E2"));
        Assert.Equal("line\nbreak", configuration.Get("E3"));
        Assert.Equal("a \"quote\"", configuration.Get("E5"));
        Assert.Null(configuration.Get("E6"));
        Assert.Null(configuration.Get("E7"));
        Assert.Null(configuration.Get("APP_SETTINGS"));
        Assert.Equal("first\nsecond", configuration.Get("E8"));
        Assert.True(2 == _warnings.Count, string.Join(" / ", _warnings));
        Assert.Contains("line 6", _warnings[0]);  // E4: text after the closing quote
        Assert.Contains("line 10", _warnings[1]); // APP_SETTINGS: DotNetEnv takes no quotes in an unquoted value
        Assert.DoesNotContain("\"a\"", _warnings[1]);
    }

    [Fact]
    public void An_unclosed_quote_is_a_warning_that_names_the_line_where_it_opens_and_the_rest_is_read()
    {
        var configuration = Load("REST_API_KEY=abc123\n\nAPP_NAME=\"my app\nKAKAO_CLIENT_SECRET=s3cret-in-dotenv\n");

        Assert.Equal("abc123", configuration.Get("REST_API_KEY"));
        Assert.Equal("s3cret-in-dotenv", configuration.Get("KAKAO_CLIENT_SECRET"));
        var warning = Assert.Single(_warnings);
        Assert.Contains(DotEnv, warning);
        Assert.Contains("line 3", warning);
        Assert.Contains("APP_NAME", warning);
        Assert.DoesNotContain("s3cret-in-dotenv", warning);
    }

    [Fact]
    public void Nothing_is_read_until_a_value_is_asked_for_that_the_environment_lacks()
    {
        Environment.SetEnvironmentVariable("KAKAOPS_TEST_PRESENT", "env");
        try
        {
            var configuration = Load("KAKAOPS_TEST_PRESENT=\"unclosed\n");

            Assert.Equal("env", configuration.Get("KAKAOPS_TEST_PRESENT"));
            Assert.Empty(_warnings);
            Assert.Null(configuration.Get("KAKAOPS_TEST_ABSENT"));
            Assert.Single(_warnings);
            Assert.Null(configuration.Get("KAKAOPS_TEST_ABSENT2"));
            Assert.Single(_warnings); // read once per configuration
        }
        finally
        {
            Environment.SetEnvironmentVariable("KAKAOPS_TEST_PRESENT", null);
        }
    }

    [Fact]
    public void A_file_larger_than_1_MB_is_not_read()
    {
        var configuration = Load("REST_API_KEY=abc123\n" + new string('#', 1024 * 1024) + "\n");

        Assert.Null(configuration.Get("REST_API_KEY"));
        Assert.Contains("1 MB", Assert.Single(_warnings));
    }

    [Fact]
    public void A_link_to_dev_zero_is_not_read()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        File.CreateSymbolicLink(DotEnv, "/dev/zero");
        var watch = Stopwatch.StartNew();

        Assert.Null(Configuration().Get("REST_API_KEY"));

        Assert.Contains(DotEnv, Assert.Single(_warnings));
        Assert.Contains("regular file", _warnings[0]);
    }

    [Fact]
    public void A_FIFO_is_not_opened()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        Process.Start("mkfifo", new[] { DotEnv })!.WaitForExit();
        Assert.True(File.Exists(DotEnv));

        // Opening a FIFO for reading blocks until a writer comes; the guard only keeps a failure from hanging the run.
        var read = Task.Run(() => Configuration().Get("REST_API_KEY"));

        Assert.True(read.Wait(TimeSpan.FromSeconds(60)), "reading .env blocked on a FIFO");
        Assert.Null(read.Result);
        Assert.Contains("regular file", Assert.Single(_warnings));
    }

    [Fact]
    public void A_folder_named_dotenv_is_ignored_without_a_word()
    {
        Directory.CreateDirectory(DotEnv);

        Assert.Null(Configuration().Get("REST_API_KEY"));
        Assert.Empty(_warnings);
    }
}
