using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using KakaoPS.Errors;
using KakaoPS.Tokens;

namespace KakaoPS.Core.Tests;

public sealed class TokenStoreTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "kakaops-store-" + Guid.NewGuid().ToString("N"));

    private string TokenPath => Path.Combine(_folder, "sub", TokenStore.FileName);

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private static TokenSet Sample() => TokenSet.FromTokenResponse(JsonDocument.Parse("""
        {"access_token":"AT-one","token_type":"bearer","refresh_token":"RT-one","expires_in":21599,"scope":"talk_message profile_nickname","refresh_token_expires_in":5183999}
        """).RootElement, new DateTimeOffset(2026, 11, 26, 0, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Written_tokens_read_back_the_same()
    {
        var store = new TokenStore(TokenPath);
        var tokens = Sample().WithLogin("key", null, null, "http://127.0.0.1:1", "http://127.0.0.1:1");

        store.Write(tokens);
        var read = store.Read()!;

        Assert.Equal("AT-one", read.AccessToken);
        Assert.Equal("RT-one", read.RefreshToken);
        Assert.Equal(tokens.AccessTokenExpiresAt, read.AccessTokenExpiresAt);
        Assert.Equal(tokens.RefreshTokenExpiresAt, read.RefreshTokenExpiresAt);
        Assert.Equal(new[] { "talk_message", "profile_nickname" }, read.Scopes);
        Assert.Equal("key", read.ClientId);
    }

    [Fact]
    public void The_file_keeps_Kakao_fields_at_the_top_level_for_plain_JSON_readers()
    {
        new TokenStore(TokenPath).Write(Sample());

        using var document = JsonDocument.Parse(File.ReadAllText(TokenPath));
        var root = document.RootElement;
        Assert.Equal("AT-one", root.GetProperty("access_token").GetString());
        Assert.Equal("bearer", root.GetProperty("token_type").GetString());
        Assert.Equal(21599, root.GetProperty("expires_in").GetInt32());
        Assert.Equal(5183999, root.GetProperty("refresh_token_expires_in").GetInt32());
    }

    [Fact]
    public void A_file_in_the_lessons_format_is_accepted_with_expiry_counted_from_its_write_time()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(TokenPath)!);
        File.WriteAllText(TokenPath, """{"access_token": "t_RkC7N", "token_type": "bearer", "refresh_token": "RD1X0628", "expires_in": 21599, "refresh_token_expires_in": 5183999}""");
        var written = new DateTime(2026, 11, 1, 12, 0, 0, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(TokenPath, written);

        var read = new TokenStore(TokenPath).Read()!;

        Assert.Equal("t_RkC7N", read.AccessToken);
        Assert.Equal("RD1X0628", read.RefreshToken);
        Assert.Equal(new DateTimeOffset(written).AddSeconds(21599), read.AccessTokenExpiresAt);
        Assert.Equal(new DateTimeOffset(written).AddSeconds(5183999), read.RefreshTokenExpiresAt);
    }

    [Fact]
    public void Unknown_fields_survive_a_rewrite()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(TokenPath)!);
        File.WriteAllText(TokenPath, """{"access_token":"a","expires_in":10,"note":{"kept":true}}""");
        var store = new TokenStore(TokenPath);

        store.Write(store.Read()!);

        Assert.Contains("\"note\"", File.ReadAllText(TokenPath));
        Assert.True(JsonDocument.Parse(File.ReadAllText(TokenPath)).RootElement.GetProperty("note").GetProperty("kept").GetBoolean());
    }

    [Theory]
    [InlineData("{\"access_token\": \"abc")]
    [InlineData("{\"error\":\"invalid_grant\",\"error_description\":\"authorization code not found for code=x\",\"error_code\":\"KOE320\"}")]
    [InlineData("{\"kakaops_format\":1,\"access_token\":\"abc")]
    public void A_token_file_that_does_not_parse_is_reported_and_left_where_it_is(string content)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(TokenPath)!);
        File.WriteAllText(TokenPath, content);

        var error = Assert.Throws<KakaoException>(() => new TokenStore(TokenPath).Read());

        Assert.Equal("TokenFileInvalid", error.ErrorId);
        Assert.Equal(content, File.ReadAllText(TokenPath));
        Assert.Contains(TokenPath, error.Message);
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(TokenPath)!, "*.corrupt-*"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("[1,2,3]")]
    [InlineData("{\"name\":\"my-app\"}")]
    public void A_file_that_is_not_a_token_file_is_refused_by_name(string content)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(TokenPath)!);
        File.WriteAllText(TokenPath, content);

        var error = Assert.Throws<KakaoException>(() => new TokenStore(TokenPath).Read());

        Assert.Equal("NotATokenFile", error.ErrorId);
        Assert.Contains(TokenPath, error.Message);
        Assert.Single(Directory.GetFileSystemEntries(Path.GetDirectoryName(TokenPath)!));
    }

    [Fact]
    public void A_damaged_file_KakaoPS_wrote_is_kept_aside_by_the_next_write_only()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(TokenPath)!);
        const string damaged = "{\"kakaops_format\":1,\"access_token\":\"abc";
        File.WriteAllText(TokenPath, damaged);
        var store = new TokenStore(TokenPath);

        store.Write(Sample());

        var aside = Directory.GetFiles(Path.GetDirectoryName(TokenPath)!, TokenStore.FileName + ".corrupt-*").Single();
        Assert.Equal(damaged, File.ReadAllText(aside));
        Assert.Equal("AT-one", store.Read()!.AccessToken);
    }

    [Fact]
    public void A_lesson_file_that_holds_a_Kakao_error_is_replaced_by_the_next_write()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(TokenPath)!);
        File.WriteAllText(TokenPath, "{\"error\":\"invalid_grant\",\"error_description\":\"authorization code not found\",\"error_code\":\"KOE320\"}");
        var store = new TokenStore(TokenPath);

        store.Write(Sample());

        Assert.Equal("AT-one", store.Read()!.AccessToken);
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(TokenPath)!, "*.corrupt-*"));
    }

    [Fact]
    public void Files_are_private_to_their_owner()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        new TokenStore(TokenPath).Write(Sample());

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(TokenPath));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.GetDirectoryName(TokenPath)!));
    }

    [Fact]
    public void A_refresh_without_a_new_refresh_token_keeps_the_old_one()
    {
        var first = Sample();
        var later = first.IssuedAt.AddHours(7);
        var refreshed = TokenSet.FromTokenResponse(JsonDocument.Parse("""{"access_token":"AT-two","token_type":"bearer","expires_in":21599}""").RootElement, later, first);

        Assert.Equal("AT-two", refreshed.AccessToken);
        Assert.Equal("RT-one", refreshed.RefreshToken);
        Assert.Equal(first.RefreshTokenExpiresAt, refreshed.RefreshTokenExpiresAt);
        Assert.Equal(later.AddSeconds(21599), refreshed.AccessTokenExpiresAt);
        Assert.Equal(first.Scope, refreshed.Scope);
    }

    [Fact]
    public async Task The_lock_is_exclusive_and_names_itself_when_it_times_out()
    {
        var store = new TokenStore(TokenPath);
        using (await store.LockAsync(TimeSpan.FromSeconds(1), default))
        {
            var error = await Assert.ThrowsAsync<KakaoException>(() => store.LockAsync(TimeSpan.FromMilliseconds(100), default));
            Assert.Equal("TokenFileLocked", error.ErrorId);
            Assert.Contains(store.LockPath, error.Message);
        }

        using (await store.LockAsync(TimeSpan.FromMilliseconds(100), default))
        {
        }
    }

    [Fact]
    public void A_waiter_waits_longer_than_a_refresh_can_hold_the_lock_through_its_retries()
    {
        Assert.Equal(TimeSpan.FromSeconds(120), KakaoPS.Http.RetryPolicy.Default.LongestRequest);
        Assert.True(TokenStore.LockTimeout(KakaoPS.Http.RetryPolicy.Default) > TimeSpan.FromSeconds(120));
        var patient = new KakaoPS.Http.RetryPolicy(5, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60));
        Assert.True(TokenStore.LockTimeout(patient) > patient.LongestRequest);
    }
}
