using System;
using System.IO;
using System.Text.Json;
using System.Threading.Tasks;

namespace KakaoPS.Tests.Infrastructure;

/// <summary>Token files made from tokens the emulator issues directly, without a login.</summary>
public static class TokenFiles
{
    /// <summary>
    /// Writes a token file for a fresh token pair. With <paramref name="accessExpired"/> the
    /// file says the access token expired a minute ago, so the next command refreshes first.
    /// </summary>
    public static async Task WriteAsync(EmulatorFixture emulator, string path, bool accessExpired = false, int? refreshExpiresIn = null, long? userId = null)
    {
        var issued = await emulator.Control.IssueTokensAsync(refreshExpiresIn: refreshExpiresIn, userId: userId);
        var now = DateTimeOffset.UtcNow;
        var file = new
        {
            access_token = issued.GetProperty("access_token").GetString(),
            token_type = "bearer",
            refresh_token = issued.GetProperty("refresh_token").GetString(),
            expires_in = issued.GetProperty("expires_in").GetInt32(),
            refresh_token_expires_in = issued.GetProperty("refresh_token_expires_in").GetInt32(),
            scope = issued.TryGetProperty("scope", out var scope) ? scope.GetString() : null,
            kakaops_format = 1,
            issued_at = now.ToString("o"),
            access_token_expires_at = (accessExpired ? now.AddMinutes(-1) : now.AddSeconds(issued.GetProperty("expires_in").GetInt32())).ToString("o"),
            refresh_token_expires_at = now.AddSeconds(issued.GetProperty("refresh_token_expires_in").GetInt32()).ToString("o"),
            client_id = emulator.RestApiKey,
            auth_url = emulator.BaseUrl,
            api_url = emulator.BaseUrl,
        };
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await WriteOwnerOnlyAsync(path, JsonSerializer.Serialize(file));
    }

    /// <summary>Writes a file created owner-only (0600) in the open call, as KakaoPS writes its own.</summary>
    public static async Task WriteOwnerOnlyAsync(string path, string content)
    {
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        await using var stream = new FileStream(path, options);
        await stream.WriteAsync(System.Text.Encoding.UTF8.GetBytes(content));
    }
}
