using System;
using System.Threading;
using System.Threading.Tasks;

namespace KakaoPS.Throttling
{
    internal sealed class ThrottleFile
    {
        public const string FileName = "kakao_throttle.json";

        public ThrottleFile(string path, TimeSpan? lockTimeout = null)
        {
            Path = path;
        }

        public static ThrottleFile Beside(string tokenPath) => throw new NotImplementedException();

        public string Path { get; }

        public string LockPath => throw new NotImplementedException();

        public Action<string>? Warning { get; set; }

        public Task<ThrottleDecision> DecideAsync(string key, TimeSpan window, DateTimeOffset now, CancellationToken cancellationToken) => throw new NotImplementedException();

        public Task ReleaseAsync(string key, ThrottleDecision decision, CancellationToken cancellationToken) => throw new NotImplementedException();
    }
}
