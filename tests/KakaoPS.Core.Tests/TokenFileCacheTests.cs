using System;
using System.IO;
using System.Text.Json;
using KakaoPS.Tokens;

namespace KakaoPS.Core.Tests;

/// <summary>Tokens Kakao issued that the token file could not take stay with the process until the file changes.</summary>
public sealed class TokenFileCacheTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("kakaops-cache-").FullName;

    private string TokenPath => Path.Combine(_folder, TokenStore.FileName);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static TokenSet Issued(string name) => TokenSet.FromTokenResponse(JsonDocument.Parse($$"""
        {"access_token":"AT-{{name}}","token_type":"bearer","refresh_token":"RT-{{name}}","expires_in":21599,"refresh_token_expires_in":5183999}
        """).RootElement, DateTimeOffset.UtcNow);

    [Fact]
    public void Unsaved_tokens_of_a_file_that_does_not_exist_stay_while_it_still_does_not()
    {
        var cache = new TokenFileCache();
        var store = new TokenStore(TokenPath);
        var issued = Issued("new");

        cache.Unsaved(store, issued, fileContent: null);

        Assert.Same(issued, cache.Load(store));
        Assert.Same(issued, cache.Load(new TokenStore(TokenPath)));
    }

    [Fact]
    public void Unsaved_tokens_give_way_to_what_another_process_wrote_since()
    {
        var cache = new TokenFileCache();
        var store = new TokenStore(TokenPath);
        cache.Unsaved(store, Issued("new"), fileContent: null);

        new TokenStore(TokenPath).Write(Issued("other"));

        Assert.Equal("RT-other", cache.Load(store)!.RefreshToken);
    }

    [Fact]
    public void Nothing_is_made_up_for_a_file_that_never_existed()
    {
        Assert.Null(new TokenFileCache().Load(new TokenStore(TokenPath)));
    }
}
