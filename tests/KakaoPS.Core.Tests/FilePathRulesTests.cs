using System;
using KakaoPS.Files;

namespace KakaoPS.Core.Tests;

/// <summary>Paths that look like files but are not, found before anything is opened.</summary>
public sealed class FilePathRulesTests
{
    private static string? OnWindows(string path) => FilePathRules.Problem(path, windows: true, folder => folder == @"C:\");

    private static string? OnUnix(string path) => FilePathRules.Problem(path, windows: false, _ => true);

    [Theory]
    [InlineData("NUL", "NUL")]
    [InlineData(@"C:\Users\me\nul.json", "NUL")]
    [InlineData(@"C:\Users\me\CON", "CON")]
    [InlineData(@"C:\Users\COM1 .txt\kakao_token.json", "COM1")]
    [InlineData("lpt9", "LPT9")]
    public void A_Windows_device_name_is_no_file_even_with_an_extension(string path, string device)
    {
        Assert.Contains(device, OnWindows(path));
    }

    [Theory]
    [InlineData(@"\\.\pipe\x")]
    [InlineData(@"\\.\NUL")]
    [InlineData(@"\\?\GLOBALROOT\Device\Null")]
    [InlineData("//./pipe/x")]
    public void Device_and_pipe_paths_are_no_files(string path)
    {
        Assert.NotNull(OnWindows(path));
    }

    [Theory]
    [InlineData(@"C:\Users\me\AppData\Local\KakaoPS\kakao_token.json")]
    [InlineData(@"\\?\C:\Users\me\kakao_token.json")]
    [InlineData(@"\\server\share\kakao_token.json")]
    [InlineData(@"C:\Users\me\console.json")]
    [InlineData(@"C:\Users\me\nullable\kakao_token.json")]
    [InlineData("kakao_token.json")]
    public void Ordinary_Windows_paths_pass(string path)
    {
        Assert.Null(OnWindows(path));
    }

    [Fact]
    public void A_drive_that_does_not_exist_is_named()
    {
        Assert.Contains("Q:", OnWindows(@"q:\tokens\kakao_token.json"));
    }

    [Fact]
    public void A_name_or_a_path_longer_than_the_system_takes_is_refused_with_its_length()
    {
        var longName = new string('a', 256);
        Assert.Contains("256", OnUnix($"/tmp/{longName}/kakao_token.json"));
        Assert.Contains("261", OnWindows($@"C:\{longName}.json"));
        var longPath = "/tmp" + string.Concat(System.Linq.Enumerable.Repeat("/" + new string('b', 200), 21));
        Assert.Contains(longPath.Length.ToString(System.Globalization.CultureInfo.CurrentCulture), OnUnix(longPath));
        Assert.Null(OnUnix("/tmp/" + new string('a', 255)));
    }

    [Theory]
    [InlineData("NUL")]
    [InlineData("/home/me/con/kakao_token.json")]
    public void Windows_device_names_are_plain_names_elsewhere(string path)
    {
        Assert.Null(OnUnix(path));
    }
}
