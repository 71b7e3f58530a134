using System;
using System.IO;

namespace KakaoPS.Tests.Infrastructure;

/// <summary>A folder of one's own, removed afterwards.</summary>
public sealed class TempFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("kakaops-test-").FullName;

    public string TokenPath => System.IO.Path.Combine(Path, "kakao_token.json");

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
