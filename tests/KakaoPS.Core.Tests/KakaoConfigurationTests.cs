using System;
using System.IO;
using KakaoPS.Configuration;

namespace KakaoPS.Core.Tests;

public sealed class KakaoConfigurationTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("kakaops-env-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void The_lessons_dotenv_file_is_read_without_touching_the_environment()
    {
        File.WriteAllText(Path.Combine(_folder, ".env"), "REST_API_KEY = abc123\nAUTHORIZATION_CODE = def123456789\n");

        var configuration = KakaoConfiguration.Load(_folder);

        Assert.Equal("abc123", configuration.Get("REST_API_KEY"));
        Assert.Equal("def123456789", configuration.Get("AUTHORIZATION_CODE"));
        Assert.Null(Environment.GetEnvironmentVariable("AUTHORIZATION_CODE"));
        Assert.Equal(Path.Combine(_folder, ".env"), configuration.DotEnvPath);
    }

    [Fact]
    public void No_dotenv_file_means_no_values()
    {
        var configuration = KakaoConfiguration.Load(_folder);

        Assert.Null(configuration.Get("AUTHORIZATION_CODE"));
        Assert.Null(configuration.DotEnvPath);
    }
}
