using System;
using System.IO;
using System.Threading;
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
    public void A_lock_held_elsewhere_too_long_is_named_in_the_error()
    {
        var store = new TokenStore(_folder.TokenPath);
        using (new FileStream(store.LockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None))
        {
            var error = Assert.Throws<KakaoException>(() => store.Lock(TimeSpan.FromMilliseconds(300), CancellationToken.None));

            Assert.Equal("TokenFileLocked", error.ErrorId);
            Assert.Contains(store.LockPath, error.Message);
        }

        using (store.Lock(TimeSpan.FromMilliseconds(300), CancellationToken.None))
        {
        }
    }

    [Fact]
    public void Unusable_content_is_moved_aside_while_this_store_holds_the_lock()
    {
        var store = new TokenStore(_folder.TokenPath);
        File.WriteAllText(store.Path, "{");

        using (store.Lock(TimeSpan.FromSeconds(1), CancellationToken.None))
        {
            var error = Assert.Throws<KakaoException>(() => store.Read());

            Assert.Equal("TokenFileInvalid", error.ErrorId);
            Assert.Contains("moved aside", error.Message);
        }
    }

    [Fact]
    public void A_folder_is_not_a_token_file()
    {
        var error = Assert.Throws<KakaoException>(() => new TokenStore(_folder.Path));

        Assert.Equal("InvalidTokenPath", error.ErrorId);
    }
}
