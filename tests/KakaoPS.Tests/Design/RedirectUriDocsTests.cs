using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using KakaoPS.Login;
using KakaoPS.Tests.Infrastructure;

namespace KakaoPS.Tests.Design;

/// <summary>
/// The redirect URIs the README and about_KakaoPS tell users to register are the ones the cmdlets
/// use: a user who follows the set-up steps must not wait out the browser login's timeout.
/// </summary>
public sealed class RedirectUriDocsTests
{
    private static readonly Regex LoopbackUri = new(@"http://(127\.0\.0\.1|localhost|\[::1\])(:\d+)?(/[A-Za-z0-9/_-]*)?");

    public static TheoryData<string> Documents => new() { "README.md", "docs/en-US/about_KakaoPS.md", "docs/ko-KR/about_KakaoPS.md" };

    private static string[] Paragraphs(string document) =>
        Regex.Split(File.ReadAllText(Path.Combine(Repository.Root, document)).Replace("\r\n", "\n"), @"\n\s*\n|\n(?=\d\. )");

    private static string[] UrisIn(string paragraph) =>
        LoopbackUri.Matches(paragraph).Select(m => m.Value.TrimEnd('/')).Where(u => !u.Contains(":<") && !u.EndsWith(":8300")).ToArray();

    [Theory]
    [MemberData(nameof(Documents))]
    public void Every_redirect_URI_named_is_one_the_cmdlets_use(string document)
    {
        var used = new[] { AuthorizeRequest.DefaultRedirectUri, KakaoLogin.DefaultLoopbackRedirectUri };
        var named = Paragraphs(document)
            .Where(p => Regex.IsMatch(p, "redirect|리디렉트", RegexOptions.IgnoreCase))
            .SelectMany(UrisIn).Distinct().ToList();

        Assert.NotEmpty(named);
        Assert.All(named, uri => Assert.Contains(uri, used));
    }

    [Theory]
    [MemberData(nameof(Documents))]
    public void The_set_up_steps_register_both_and_the_browser_login_names_the_loopback_one(string document)
    {
        var paragraphs = Paragraphs(document);
        var setUp = Assert.Single(paragraphs, p => Regex.IsMatch(p, @"^\s*\d\.\s.*(register|등록)", RegexOptions.Singleline) && Regex.IsMatch(p, "Redirect URI", RegexOptions.IgnoreCase));
        Assert.Contains(KakaoLogin.DefaultLoopbackRedirectUri, setUp);
        Assert.Contains(AuthorizeRequest.DefaultRedirectUri, UrisIn(setUp));

        var browserLogin = paragraphs.Where(p => Regex.IsMatch(p, @"Connect-Kakao\s+with no arguments|인수 없이 Connect-Kakao|Browser with a loopback listener")).ToList();
        Assert.NotEmpty(browserLogin);
        Assert.All(browserLogin, p => Assert.Equal(new[] { KakaoLogin.DefaultLoopbackRedirectUri }, UrisIn(p).Distinct()));
    }
}
