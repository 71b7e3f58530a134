using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using KakaoPS.Logging;
using KakaoPS.Resources;

namespace KakaoPS.Configuration
{
    /// <summary>
    /// Settings that come from the environment, then from a <c>.env</c> file in the current
    /// PowerShell location (the lesson keeps REST_API_KEY and AUTHORIZATION_CODE there).
    /// The file is read only when a value is asked for that the environment lacks, at most once;
    /// what cannot be read in it is a warning, never a failure. Reading it never changes the
    /// process environment.
    /// </summary>
    internal sealed class KakaoConfiguration
    {
        private readonly string? _directory;
        private readonly KakaoLog _log;
        private readonly object _gate = new object();
        private IReadOnlyDictionary<string, string>? _dotEnv;
        private string? _dotEnvPath;

        public KakaoConfiguration(string? directory, KakaoLog? log = null)
        {
            _directory = directory;
            _log = log ?? KakaoLog.None;
        }

        /// <summary>The .env file that was read, or null when there was none (reads it if not read yet).</summary>
        public string? DotEnvPath
        {
            get
            {
                DotEnv();
                return _dotEnvPath;
            }
        }

        public string? RestApiKey => Get("KAKAO_REST_API_KEY") ?? Get("REST_API_KEY");

        public string? ClientSecret => Get("KAKAO_CLIENT_SECRET");

        public ConfiguredValue? AuthorizationCode => Find("AUTHORIZATION_CODE");

        public ConfiguredValue? RefreshToken => Find("KAKAO_REFRESH_TOKEN");

        /// <summary>Settings for <paramref name="directory"/>, its .env read when first needed.</summary>
        public static KakaoConfiguration Load(string? directory) => new KakaoConfiguration(directory);

        /// <summary>The environment wins over .env, as with python-dotenv's default.</summary>
        public string? Get(string name) => Find(name)?.Value;

        /// <summary>The value and where it came from.</summary>
        public ConfiguredValue? Find(string name)
        {
            var fromEnvironment = Environment.GetEnvironmentVariable(name);
            if (!string.IsNullOrWhiteSpace(fromEnvironment))
            {
                return new ConfiguredValue(name, fromEnvironment!.Trim(), "$env:" + name, dotEnvPath: null);
            }

            return DotEnv().TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value)
                ? new ConfiguredValue(name, value.Trim(), string.Format(CultureInfo.CurrentCulture, ConfigurationMessages.ValueInDotEnv, name, _dotEnvPath), _dotEnvPath)
                : null;
        }

        /// <summary>The .env problems already told in this process; each names its file and line.</summary>
        private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> WarnedProblems =
            new System.Collections.Concurrent.ConcurrentDictionary<string, bool>(StringComparer.Ordinal);

        private IReadOnlyDictionary<string, string> DotEnv()
        {
            lock (_gate)
            {
                if (_dotEnv != null)
                {
                    return _dotEnv;
                }

                var path = _directory == null ? null : Path.Combine(_directory, ".env");
                if (path == null || !File.Exists(path))
                {
                    return _dotEnv = new Dictionary<string, string>();
                }

                var file = DotEnvFile.Read(path);
                foreach (var problem in file.Problems)
                {
                    // Every command reads the file again; its problems are told once a session, until they change.
                    if (WarnedProblems.TryAdd(problem, true))
                    {
                        _log.Warning(problem);
                    }
                }

                _dotEnvPath = path;
                return _dotEnv = file.Values;
            }
        }
    }
}
