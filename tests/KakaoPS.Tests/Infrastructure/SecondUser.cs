using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;

namespace KakaoPS.Tests.Infrastructure;

/// <summary>
/// Another local user (<c>nobody</c>), reached through <c>setpriv</c>. That needs root, which CI
/// has: a test that needs a second user fails, loudly, when it cannot have one, rather than
/// skipping and hiding what it was meant to show.
/// </summary>
public static class SecondUser
{
    private const string Python = "/usr/bin/python3";
    private const string Setpriv = "/usr/bin/setpriv";

    public static void Require()
    {
        Assert.True(Environment.UserName == "root",
            "This attack test needs a second local user, which only root can become (setpriv --reuid=nobody). Run the suite as root, as CI does.");
        Assert.True(File.Exists(Setpriv), $"{Setpriv} is missing (package util-linux).");
        Assert.True(File.Exists(Python), $"{Python} is missing; the watcher runs as nobody with the system Python.");
    }

    /// <summary>Hands <paramref name="path"/> to nobody, as if another user had planted it.</summary>
    public static void GiveAway(string path)
    {
        using var chown = Process.Start("chown", new[] { "nobody:nogroup", path })!;
        chown.WaitForExit();
        Assert.Equal(0, chown.ExitCode);
    }

    /// <summary>
    /// Starts nobody watching <paramref name="folder"/> with inotify and opening every file it
    /// hears of at once, the race an attacker runs against a file created readable and narrowed later.
    /// </summary>
    public static Watcher Watch(string folder) => new Watcher(folder);

    public sealed class Watcher : IDisposable
    {
        private readonly Process _process;
        private readonly string _script;
        private readonly List<string> _lines = new();

        public Watcher(string folder)
        {
            _script = Path.Combine(Path.GetTempPath(), $"kakaops-watcher-{Guid.NewGuid():N}.py");
            File.WriteAllText(_script, Source);
            File.SetUnixFileMode(_script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
            var start = new ProcessStartInfo(Setpriv)
            {
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in new[] { "--reuid=nobody", "--regid=nogroup", "--clear-groups", Python, _script, folder })
            {
                start.ArgumentList.Add(argument);
            }

            _process = Process.Start(start)!;
            var ready = _process.StandardOutput.ReadLine();
            if (ready != "READY")
            {
                Assert.Fail($"The watcher did not start: {ready} {_process.StandardError.ReadToEnd()}");
            }
        }

        /// <summary>Stops watching; what the other user managed to open, and how many events it saw.</summary>
        public (List<string> Opened, int Events) Stop()
        {
            _process.StandardInput.Close();
            string? line;
            while ((line = _process.StandardOutput.ReadLine()) != null)
            {
                _lines.Add(line);
            }

            _process.WaitForExit();
            var opened = new List<string>();
            var events = 0;
            foreach (var entry in _lines)
            {
                if (entry.StartsWith("OPENED ", StringComparison.Ordinal))
                {
                    opened.Add(entry.Substring(7));
                }
                else if (entry.StartsWith("EVENTS ", StringComparison.Ordinal))
                {
                    events = int.Parse(entry.Substring(7));
                }
            }

            return (opened, events);
        }

        public void Dispose()
        {
            if (!_process.HasExited)
            {
                _process.Kill();
            }

            _process.Dispose();
            File.Delete(_script);
        }

        // Prints names and sizes only, never what it read.
        private const string Source = """
            import ctypes, os, select, struct, sys
            folder = sys.argv[1]
            libc = ctypes.CDLL(None, use_errno=True)
            fd = libc.inotify_init1(os.O_NONBLOCK)
            # IN_MODIFY | IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE (not IN_OPEN: its own opens would feed it)
            wd = libc.inotify_add_watch(fd, folder.encode(), 0x2 | 0x8 | 0x80 | 0x100)
            if fd < 0 or wd < 0:
                print("NOWATCH", ctypes.get_errno(), flush=True)
                sys.exit(2)
            print("READY", flush=True)
            events = 0
            opened = set()
            def grab(name):
                try:
                    with open(os.path.join(folder, name), "rb") as f:
                        size = len(f.read())
                    if name not in opened:
                        opened.add(name)
                        print("OPENED", name, size, flush=True)
                except OSError:
                    pass
            done = False
            while not done:
                ready, _, _ = select.select([fd, sys.stdin], [], [], 1.0)
                if sys.stdin in ready and not sys.stdin.readline():
                    done = True
                if fd in ready or done:
                    try:
                        data = os.read(fd, 65536)
                    except BlockingIOError:
                        data = b""
                    i = 0
                    while i < len(data):
                        _, mask, _, length = struct.unpack_from("iIII", data, i)
                        name = data[i + 16:i + 16 + length].rstrip(b"\0").decode(errors="replace")
                        i += 16 + length
                        events += 1
                        if name:
                            grab(name)
            for name in os.listdir(folder):
                grab(name)
            print("EVENTS", events, flush=True)
            """;
    }
}
