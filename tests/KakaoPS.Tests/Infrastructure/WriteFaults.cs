using System;
using System.Diagnostics;
using System.IO;

namespace KakaoPS.Tests.Infrastructure;

/// <summary>
/// Real write faults on this machine (the tests run as root): a file or folder made immutable
/// with chattr +i, which even root cannot change, and a tiny tmpfs that a filler file fills.
/// Each is undone on Dispose, so the test folder can be removed.
/// </summary>
public sealed class WriteFaults : IDisposable
{
    private readonly string _path;
    private readonly bool _mounted;

    private WriteFaults(string path, bool mounted)
    {
        _path = path;
        _mounted = mounted;
    }

    /// <summary>chattr +i <paramref name="path"/>: no rename over it, no delete, no new file in it when it is a folder.</summary>
    public static WriteFaults Immutable(string path)
    {
        Tool("chattr", "+i", path);
        return new WriteFaults(path, mounted: false);
    }

    /// <summary>Mounts a tmpfs of <paramref name="size"/> (such as "16k") on <paramref name="folder"/>, owner-only.</summary>
    public static WriteFaults TinyTmpfs(string folder, string size = "16k")
    {
        Directory.CreateDirectory(folder);
        Tool("mount", "-t", "tmpfs", "-o", $"size={size},mode=0700", "tmpfs", folder);
        return new WriteFaults(folder, mounted: true);
    }

    /// <summary>Fills the file system that holds <paramref name="folder"/> with a filler file, to the last byte it takes.</summary>
    public static void Fill(string folder)
    {
        using var filler = new FileStream(Path.Combine(folder, "filler"), FileMode.Create, FileAccess.Write, FileShare.None, 1);
        foreach (var chunk in new[] { 4096, 1 })
        {
            try
            {
                while (true)
                {
                    filler.Write(new byte[chunk], 0, chunk);
                    filler.Flush();
                }
            }
            catch (IOException)
            {
                // ENOSPC: the last chunk did not fit; a smaller one may.
            }
        }
    }

    public void Dispose()
    {
        if (_mounted)
        {
            Tool("umount", "-l", _path);
        }
        else
        {
            Tool("chattr", "-i", _path);
        }
    }

    private static void Tool(string name, params string[] arguments)
    {
        var start = new ProcessStartInfo(name) { RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{name} {string.Join(' ', arguments)} failed ({process.ExitCode}): {error}");
        }
    }
}
