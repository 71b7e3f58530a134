namespace KakaoPS.Emulator;

/// <summary>Turns the emulator's command-line switches into <see cref="EmulatorOptions"/>.</summary>
public static class CommandLine
{
    public const string Usage =
        "usage: KakaoPS.Emulator [--urls http://127.0.0.1:0] [--auto-consent] [--rest-api-key KEY] [--client-secret SECRET] [--config apps.json]";

    public static EmulatorOptions Parse(IReadOnlyList<string> args)
    {
        var options = new EmulatorOptions();
        for (var i = 0; i < args.Count; i++)
        {
            var (name, inlineValue) = Split(args[i]);
            string NextValue() => inlineValue ?? (++i < args.Count ? args[i] : throw new ArgumentException($"{name} needs a value."));
            switch (name)
            {
                case "--urls": options.Urls = NextValue(); break;
                case "--auto-consent": options.AutoConsent = true; break;
                case "--rest-api-key": options.RestApiKey = NextValue(); break;
                case "--client-secret": options.ClientSecret = NextValue(); break;
                case "--config": options.ConfigPath = NextValue(); break;
                default: throw new ArgumentException($"Unknown option {args[i]}.");
            }
        }
        return options;
    }

    /// <summary>Accepts both "--name value" and "--name=value".</summary>
    private static (string Name, string? Value) Split(string arg)
    {
        var equals = arg.IndexOf('=');
        return equals > 0 ? (arg[..equals], arg[(equals + 1)..]) : (arg, null);
    }
}
