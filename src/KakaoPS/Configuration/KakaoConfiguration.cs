using System;
using System.Collections.Generic;
using System.IO;
using KakaoPS.Errors;

namespace KakaoPS.Configuration
{
    /// <summary>
    /// Settings that come from the environment, then from a <c>.env</c> file in the current
    /// PowerShell location (the lesson keeps REST_API_KEY and AUTHORIZATION_CODE there).
    /// Reading the file never changes the process environment.
    /// </summary>
    internal sealed class KakaoConfiguration
    {
        private readonly IReadOnlyDictionary<string, string> _dotEnv;

        private KakaoConfiguration(IReadOnlyDictionary<string, string> dotEnv, string? dotEnvPath)
        {
            _dotEnv = dotEnv;
            DotEnvPath = dotEnvPath;
        }

        /// <summary>The .env file that was read, or null when there was none.</summary>
        public string? DotEnvPath { get; }

        public string? RestApiKey => Get("KAKAO_REST_API_KEY") ?? Get("REST_API_KEY");

        public string? ClientSecret => Get("KAKAO_CLIENT_SECRET");

        public string? AuthorizationCode => Get("AUTHORIZATION_CODE");

        public string? RefreshToken => Get("KAKAO_REFRESH_TOKEN");

        /// <summary>Reads <c>.env</c> in <paramref name="directory"/> when it exists.</summary>
        public static KakaoConfiguration Load(string? directory)
        {
            var path = directory == null ? null : Path.Combine(directory, ".env");
            if (path == null || !File.Exists(path))
            {
                return new KakaoConfiguration(new Dictionary<string, string>(), null);
            }

            try
            {
                return new KakaoConfiguration(DotEnvFile.Read(path), path);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is ArgumentException || e is FormatException)
            {
                throw new KakaoException("DotEnvUnreadable", KakaoErrorKind.ReadError,
                    $"The file '{path}' could not be read as a .env file ({e.Message}).",
                    "Fix the file (one KEY=value per line) or remove it and pass the values as parameters.", e);
            }
        }

        /// <summary>The environment wins over .env, as with python-dotenv's default.</summary>
        public string? Get(string name)
        {
            var fromEnvironment = Environment.GetEnvironmentVariable(name);
            if (!string.IsNullOrWhiteSpace(fromEnvironment))
            {
                return fromEnvironment!.Trim();
            }

            return _dotEnv.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;
        }
    }
}
