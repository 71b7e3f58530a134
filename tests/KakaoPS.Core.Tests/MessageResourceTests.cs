using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using KakaoPS.Resources;
using KakaoPS.Tests.Infrastructure;

namespace KakaoPS.Core.Tests;

/// <summary>
/// Every message ships in English and Korean: each Resources/*Messages.resx has a ko-KR twin with
/// the same keys and the same placeholders, and the UI culture picks the language at run time.
/// </summary>
public sealed class MessageResourceTests
{
    private static readonly string ResourceFolder = Path.Combine(Repository.CoreSource, "Resources");

    public static TheoryData<string> NeutralFiles()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(ResourceFolder, "*Messages.resx").OrderBy(f => f, StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(file));
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(NeutralFiles))]
    public void Korean_twin_has_every_key_with_the_same_placeholders(string neutralFile)
    {
        var english = Read(Path.Combine(ResourceFolder, neutralFile));
        var koreanPath = Path.Combine(ResourceFolder, Path.GetFileNameWithoutExtension(neutralFile) + ".ko-KR.resx");
        Assert.True(File.Exists(koreanPath), $"{neutralFile} has no ko-KR twin");
        var korean = Read(koreanPath);

        Assert.Equal(english.Keys.OrderBy(k => k, StringComparer.Ordinal), korean.Keys.OrderBy(k => k, StringComparer.Ordinal));
        foreach (var (key, text) in english)
        {
            Assert.True(Placeholders(text).SetEquals(Placeholders(korean[key])), $"{key}: placeholders differ between en-US and ko-KR");
            Assert.False(string.IsNullOrWhiteSpace(korean[key]), $"{key} is empty in ko-KR");
        }
    }

    [Fact]
    public void The_UI_culture_picks_the_language()
    {
        var saved = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en-US");
            Assert.Equal("Tried 3 times", string.Format(ErrorMessages.TriedTimes, 3));
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("ko-KR");
            Assert.Equal("3회 시도함", string.Format(ErrorMessages.TriedTimes, 3));
        }
        finally
        {
            CultureInfo.CurrentUICulture = saved;
        }
    }

    [Fact]
    public void Kakao_codes_are_explained_in_the_UI_culture_language()
    {
        var saved = CultureInfo.CurrentUICulture;
        try
        {
            var entry = KakaoPS.Errors.KakaoErrorCatalog.ForAuthCode("KOE320");
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en-US");
            Assert.StartsWith("The authorization code was already used", entry.Meaning);
            Assert.Contains("Get-KakaoAuthUrl -Open", entry.Action);
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("ko-KR");
            Assert.StartsWith("인가 코드가 이미 사용됐거나", entry.Meaning);
            Assert.Contains("Get-KakaoAuthUrl -Open", entry.Action);
            Assert.Contains("새 코드", entry.Action);
            Assert.Contains("카카오톡 메시지 전송", KakaoPS.Errors.KakaoErrorCatalog.ForApiCode(-3).Action);
        }
        finally
        {
            CultureInfo.CurrentUICulture = saved;
        }
    }

    private static System.Collections.Generic.Dictionary<string, string> Read(string path) =>
        XDocument.Load(path).Root!.Elements("data").ToDictionary(d => (string)d.Attribute("name")!, d => (string)d.Element("value")!);

    private static System.Collections.Generic.HashSet<string> Placeholders(string text) =>
        Regex.Matches(text, @"\{\d+(?:[,:][^}]*)?\}").Select(m => m.Value).ToHashSet();
}
