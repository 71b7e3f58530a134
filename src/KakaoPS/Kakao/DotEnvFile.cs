using System.Collections.Generic;

namespace KakaoPS.Kakao
{
    /// <summary>
    /// Kept apart so DotNetEnv is loaded only when a .env file exists, not at module import.
    /// </summary>
    internal static class DotEnvFile
    {
        public static IReadOnlyDictionary<string, string> Read(string path)
        {
            var values = new Dictionary<string, string>();
            foreach (var pair in DotNetEnv.Env.NoEnvVars().Load(path))
            {
                values[pair.Key] = pair.Value;
            }

            return values;
        }
    }
}
