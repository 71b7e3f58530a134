using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;

namespace KakaoPS.Tests.Infrastructure;

/// <summary>The throttle folder beside a token file, its shards, and a way to let their windows pass without waiting.</summary>
public static class ThrottleFiles
{
    public static string Beside(string tokenPath) => Path.Combine(Path.GetDirectoryName(tokenPath)!, "kakao_throttle");

    /// <summary>The shard file that keeps the text message <paramref name="text"/> (sent without -ThrottleKey).</summary>
    public static string ShardOf(string folder, string text) =>
        new KakaoPS.Throttling.ThrottleFolder(folder).ShardPath(KakaoPS.Throttling.ThrottleKey.For(null, "text\n" + text));

    /// <summary>The shard files of the folder (no locks, no temp files).</summary>
    public static string[] Shards(string folder) =>
        Directory.Exists(folder) ? Directory.GetFiles(folder, "??.json").OrderBy(f => f, StringComparer.Ordinal).ToArray() : Array.Empty<string>();

    /// <summary>Every shard's text, one after the other: what the throttle keeps on disk.</summary>
    public static string Content(string folder) => string.Concat(Shards(folder).Select(File.ReadAllText));

    /// <summary>How many alerts the folder remembers.</summary>
    public static int Count(string folder) => Shards(folder).Sum(s => JsonNode.Parse(File.ReadAllText(s))!["entries"]!.AsObject().Count);

    /// <summary>
    /// Moves every time in every shard back by <paramref name="by"/>, as if that much time had passed.
    /// Each file is rewritten in place, so it keeps its owner and mode.
    /// </summary>
    public static void Age(string folder, TimeSpan by)
    {
        foreach (var shard in Shards(folder))
        {
            var root = JsonNode.Parse(File.ReadAllText(shard))!.AsObject();
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

            File.WriteAllText(shard, root.ToJsonString());
        }
    }

    /// <summary>
    /// When the first held-back alert of the folder's only entry came, in local time as the note
    /// shows it: the time, and the date too when it was not today.
    /// </summary>
    public static string HeldSinceLocal(string folder)
    {
        var entry = Shards(folder).SelectMany(s => JsonNode.Parse(File.ReadAllText(s))!["entries"]!.AsObject()).Single().Value!;
        var since = DateTimeOffset.Parse(entry["held_since"]!.GetValue<string>(), CultureInfo.InvariantCulture).ToLocalTime();
        return since.ToString(since.Date == DateTimeOffset.Now.Date ? "HH:mm" : "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
    }
}
