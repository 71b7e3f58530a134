using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;

namespace KakaoPS.Tests.Infrastructure;

/// <summary>The throttle file beside a token file, and a way to let its windows pass without waiting.</summary>
public static class ThrottleFiles
{
    public static string Beside(string tokenPath) => Path.Combine(Path.GetDirectoryName(tokenPath)!, "kakao_throttle.json");

    /// <summary>
    /// Moves every time in the file back by <paramref name="by"/>, as if that much time had passed.
    /// The file is rewritten in place, so it keeps its owner and mode.
    /// </summary>
    public static void Age(string path, TimeSpan by)
    {
        var root = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        foreach (var (_, entry) in root["entries"]!.AsObject().ToList())
        {
            foreach (var name in new[] { "sent_at", "window_ends_at", "held_since" })
            {
                if (entry![name] is JsonNode time)
                {
                    entry[name] = DateTimeOffset.Parse(time.GetValue<string>(), CultureInfo.InvariantCulture).Subtract(by).ToString("o", CultureInfo.InvariantCulture);
                }
            }
        }

        File.WriteAllText(path, root.ToJsonString());
    }

    /// <summary>
    /// When the first held-back alert of the file's only entry came, in local time as the note
    /// shows it: the time, and the date too when it was not today.
    /// </summary>
    public static string HeldSinceLocal(string path)
    {
        var entry = JsonNode.Parse(File.ReadAllText(path))!["entries"]!.AsObject().Single().Value!;
        var since = DateTimeOffset.Parse(entry["held_since"]!.GetValue<string>(), CultureInfo.InvariantCulture).ToLocalTime();
        return since.ToString(since.Date == DateTimeOffset.Now.Date ? "HH:mm" : "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
    }
}
