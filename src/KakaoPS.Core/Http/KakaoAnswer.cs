using System.Text.Json;

namespace KakaoPS.Http
{
    /// <summary>
    /// Kakao's parsed answer to a call and the requests it took, each retry included. A class rather
    /// than a tuple with <see cref="JsonElement"/>: .NET cannot precompile its generic async plumbing
    /// over a struct from another assembly, so every send would run it as freshly JIT-compiled code.
    /// </summary>
    internal sealed class KakaoAnswer
    {
        public KakaoAnswer(JsonElement json, int attempts)
        {
            Json = json;
            Attempts = attempts;
        }

        public JsonElement Json { get; }

        public int Attempts { get; }
    }
}
