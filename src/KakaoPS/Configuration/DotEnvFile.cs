using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;

namespace KakaoPS.Configuration
{
    /// <summary>
    /// Kept apart so DotNetEnv is loaded only when a .env file exists, not at module import.
    /// </summary>
    internal static class DotEnvFile
    {
        /// <summary>The file's values; a syntax error becomes a FormatException that names only where it is.</summary>
        public static IReadOnlyDictionary<string, string> Read(string path)
        {
            var values = new Dictionary<string, string>();
            try
            {
                foreach (var pair in DotNetEnv.Env.NoEnvVars().Load(path))
                {
                    values[pair.Key] = pair.Value;
                }
            }
            catch (Sprache.ParseException e)
            {
                // The parser's message quotes the file, which may hold a client secret or a refresh token.
                var position = Regex.Match(e.Message, @"Line \d+, Column \d+");
                throw new FormatException(position.Success ? $"a syntax error at {position.Value.ToLowerInvariant()}" : "a syntax error");
            }

            return values;
        }
    }
}
