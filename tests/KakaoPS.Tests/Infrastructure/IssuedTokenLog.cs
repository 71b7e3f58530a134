using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;

namespace KakaoPS.Tests.Infrastructure;

/// <summary>
/// Every token an emulator issued during the tests, kept as SHA-256 hashes (never the tokens) in
/// out/test-results, so the test logs can be scanned for them after the run (build.ps1 -Task Test).
/// </summary>
public static class IssuedTokenLog
{
    private static readonly object Gate = new();

    public static string HashFile => Path.Combine(Repository.Root, "out", "test-results", "issued-tokens.sha256");

    public static void Record(IEnumerable<string> tokens)
    {
        var lines = tokens.Select(Hash).ToList();
        if (lines.Count == 0)
        {
            return;
        }

        lock (Gate)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(HashFile)!);
            File.AppendAllLines(HashFile, lines);
        }
    }

    public static string Hash(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>The tokens in <paramref name="texts"/>: none is the only good answer.</summary>
    public static List<string> Leaks(IReadOnlyCollection<string> tokens, IEnumerable<string> texts) =>
        texts.SelectMany(text => tokens.Where(token => text.Contains(token, StringComparison.Ordinal))).Distinct().ToList();
}
