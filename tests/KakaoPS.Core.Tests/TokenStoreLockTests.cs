using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using KakaoPS.Tests.Infrastructure;
using KakaoPS.Errors;
using KakaoPS.Tokens;

namespace KakaoPS.Core.Tests;

/// <summary>The cross-process lock: bounded, named when it times out, free again after use.</summary>
public sealed class TokenStoreLockTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task A_lock_held_elsewhere_too_long_is_named_in_the_error()
    {
        var store = new TokenStore(_folder.TokenPath);
        using (new FileStream(store.LockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None))
        {
            var error = await Assert.ThrowsAsync<KakaoException>(() => store.LockAsync(TimeSpan.FromMilliseconds(300), CancellationToken.None));

            Assert.Equal("TokenFileLocked", error.ErrorId);
            Assert.Contains(store.LockPath, error.Message);
        }

        using (await store.LockAsync(TimeSpan.FromMilliseconds(300), CancellationToken.None))
        {
        }
    }

    [Fact]
    public async Task A_second_lock_in_the_same_process_waits_like_any_other()
    {
        var store = new TokenStore(_folder.TokenPath);
        using (await store.LockAsync(TimeSpan.FromSeconds(1), CancellationToken.None))
        {
            var error = await Assert.ThrowsAsync<KakaoException>(() => new TokenStore(_folder.TokenPath).LockAsync(TimeSpan.FromMilliseconds(200), CancellationToken.None));

            Assert.Equal("TokenFileLocked", error.ErrorId);
        }
    }

    [Fact]
    public void A_folder_is_not_a_token_file()
    {
        var error = Assert.Throws<KakaoException>(() => new TokenStore(_folder.Path));

        Assert.Equal("InvalidTokenPath", error.ErrorId);
    }
}
