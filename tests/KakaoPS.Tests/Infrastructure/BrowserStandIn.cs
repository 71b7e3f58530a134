using System;
using System.IO;
using System.Threading.Tasks;

namespace KakaoPS.Tests.Infrastructure;

/// <summary>
/// Small programs to set as $BROWSER (the convention of gh and Python's webbrowser): one follows
/// the URL over HTTP like a browser that consents at once, one only notes the URL for a test to open.
/// </summary>
public sealed class BrowserStandIn
{
    private readonly TempFolder _folder;

    public BrowserStandIn(TempFolder folder)
    {
        _folder = folder;
    }

    public string PagePath => _folder.File("browser-page.html");

    public string UrlPath => _folder.File("browser-url.txt");

    /// <summary>Follows the authorize URL and its redirects, keeping the last page it was shown.</summary>
    public string Follower()
    {
        var script = _folder.File("follow.py");
        File.WriteAllText(script, """
            import sys, urllib.request, urllib.error
            try:
                body = urllib.request.urlopen(sys.argv[1]).read()
            except urllib.error.HTTPError as e:
                body = e.read()
            open(sys.argv[2], "wb").write(body)
            """);
        return $"python3 {script} %s {PagePath}";
    }

    /// <summary>Only writes the URL down.</summary>
    public string Recorder()
    {
        var script = _folder.File("record.py");
        File.WriteAllText(script, "import sys\nopen(sys.argv[2], 'w').write(sys.argv[1])\n");
        return $"python3 {script} %s {UrlPath}";
    }

    public static async Task<string> WaitForFileAsync(string path, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (File.Exists(path) && new FileInfo(path).Length > 0)
            {
                return await File.ReadAllTextAsync(path);
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"{path} did not appear within {timeout}.");
    }
}
