using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using KakaoPS.Configuration;
using KakaoPS.Files;
using KakaoPS.Logging;
using KakaoPS.Tokens;

namespace KakaoPS.Core.Tests;

/// <summary>Files as Windows tools write them: UTF-16 and UTF-8 with a byte order mark, CRLF line ends.</summary>
public sealed class WindowsTextTests : IDisposable
{
    private const string Text = "KAKAO_REST_API_KEY=키-key\r\nKAKAO_CLIENT_SECRET=\"s3cret\"\r\n";

    private readonly string _folder = Directory.CreateTempSubdirectory("kakaops-windows-text-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    // What Windows PowerShell 5.1 writes: > and Out-File (UTF-16LE), -Encoding BigEndianUnicode, -Encoding UTF8, -Encoding UTF32.
    public static TheoryData<string> Encodings => new() { "utf-16le", "utf-16be", "utf-8-bom", "utf-32le", "utf-8" };

    private static byte[] Encode(string text, string encoding) => encoding switch
    {
        "utf-16le" => Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(text)).ToArray(),
        "utf-16be" => Encoding.BigEndianUnicode.GetPreamble().Concat(Encoding.BigEndianUnicode.GetBytes(text)).ToArray(),
        "utf-8-bom" => Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(text)).ToArray(),
        "utf-32le" => Encoding.UTF32.GetPreamble().Concat(Encoding.UTF32.GetBytes(text)).ToArray(),
        _ => Encoding.UTF8.GetBytes(text),
    };

    [Theory]
    [MemberData(nameof(Encodings))]
    public void Every_mark_becomes_plain_UTF_8(string encoding)
    {
        Assert.Equal(Encoding.UTF8.GetBytes(Text), WindowsText.AsUtf8(Encode(Text, encoding)));
    }

    [Fact]
    public void Text_without_a_mark_is_the_same_array()
    {
        var plain = Encoding.UTF8.GetBytes(Text);
        Assert.Same(plain, WindowsText.AsUtf8(plain));
    }

    [Theory]
    [MemberData(nameof(Encodings))]
    public void A_dotenv_file_written_by_Windows_PowerShell_is_read(string encoding)
    {
        File.WriteAllBytes(Path.Combine(_folder, ".env"), Encode(Text, encoding));
        var warnings = new List<string>();

        var configuration = new KakaoConfiguration(_folder, new KakaoLog(null, warnings.Add));

        Assert.Equal("키-key", configuration.Get("KAKAO_REST_API_KEY"));
        Assert.Equal("s3cret", configuration.Get("KAKAO_CLIENT_SECRET"));
        Assert.Empty(warnings);
    }

    [Theory]
    [MemberData(nameof(Encodings))]
    public void A_token_file_saved_again_by_a_Windows_tool_is_read(string encoding)
    {
        const string json = "{\r\n  \"access_token\": \"AT\",\r\n  \"refresh_token\": \"RT\",\r\n  \"expires_in\": 21599\r\n}\r\n";

        var tokens = TokenSet.Parse(Encode(json, encoding), DateTimeOffset.UtcNow);

        Assert.Equal("AT", tokens.AccessToken);
        Assert.Equal("RT", tokens.RefreshToken);
    }

    [Fact]
    public void A_dotenv_file_that_is_not_text_in_its_encoding_is_told_without_quoting_its_bytes()
    {
        // A UTF-16 mark, then a lone surrogate (0xD8FF) where a secret's first character would be.
        File.WriteAllBytes(Path.Combine(_folder, ".env"), new byte[] { 0xFF, 0xFE, 0xFF, 0xD8, (byte)'=', 0 });
        var warnings = new List<string>();

        var configuration = new KakaoConfiguration(_folder, new KakaoLog(null, warnings.Add));

        Assert.Null(configuration.Get("KAKAO_REST_API_KEY"));
        var warning = Assert.Single(warnings);
        Assert.Contains(KakaoPS.Resources.ConfigurationMessages.DotEnvNotText, warning);
        Assert.DoesNotContain("D8", warning);
    }
}
