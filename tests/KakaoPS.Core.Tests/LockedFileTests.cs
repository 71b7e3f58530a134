using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using KakaoPS.Files;
using KakaoPS.Tests.Infrastructure;

namespace KakaoPS.Core.Tests;

/// <summary>The one read-modify-write every owner-only state file goes through.</summary>
public sealed class LockedFileTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private LockedFile File(string name = "state.json", int maximumSize = 1024) => new(_folder.File(name), maximumSize);

    [Fact]
    public async Task An_update_sees_the_bytes_written_before_and_can_replace_keep_or_remove_them()
    {
        var file = File();

        Assert.Equal(0, await file.UpdateAsync(content => FileChange<int>.Replace(Encoding.UTF8.GetBytes("one"), content?.Length ?? 0), Timeout, CancellationToken.None));
        Assert.Equal("one", await file.UpdateAsync(content => FileChange<string>.Keep(Encoding.UTF8.GetString(content!)), Timeout, CancellationToken.None));
        Assert.Equal("one", System.IO.File.ReadAllText(file.Path));

        await file.UpdateAsync(_ => FileChange<bool>.Remove(true), Timeout, CancellationToken.None);

        Assert.False(System.IO.File.Exists(file.Path));
        Assert.Equal(new[] { "state.json.lock" }, Directory.GetFiles(_folder.Path).Select(Path.GetFileName));
    }

    [Fact]
    public async Task A_file_larger_than_its_kind_is_refused_and_left_as_it_is()
    {
        var file = File(maximumSize: 16);
        System.IO.File.WriteAllText(file.Path, new string('x', 17));

        var error = await Assert.ThrowsAsync<UnsafeFileException>(() => file.UpdateAsync(_ => FileChange<bool>.Remove(true), Timeout, CancellationToken.None));

        Assert.Equal(UnsafeFileProblem.TooLarge, error.Problem);
        Assert.Equal(17, new FileInfo(file.Path).Length);
    }

    [Fact]
    public async Task The_lock_is_held_for_the_whole_update()
    {
        var file = File();
        await file.UpdateAsync(_ =>
        {
            Assert.Null(File().TryLock());
            return FileChange<bool>.Keep(true);
        }, Timeout, CancellationToken.None);

        using var free = File().TryLock();
        Assert.NotNull(free);
    }

    [Fact]
    public async Task A_lock_held_elsewhere_times_out_and_the_file_is_not_read()
    {
        var file = File();
        using (file.TryLock())
        {
            var read = false;
            await Assert.ThrowsAsync<TimeoutException>(() => File().UpdateAsync(_ =>
            {
                read = true;
                return FileChange<bool>.Keep(true);
            }, TimeSpan.FromMilliseconds(200), CancellationToken.None));
            Assert.False(read);
        }
    }

    [Fact]
    public void A_lock_file_can_be_shared_by_several_files()
    {
        var pending = new LockedFile(_folder.File("kakao_token.json.pending"), 1024, lockPath: _folder.File("kakao_token.json.lock"));
        using (File("kakao_token.json").TryLock())
        {
            Assert.Null(pending.TryLock());
        }
    }

    [Fact]
    public void The_temp_files_of_one_file_are_not_taken_for_those_of_another_whose_name_begins_the_same()
    {
        var token = _folder.File("kakao_token.json");
        var ofToken = OwnerOnlyFiles.TempPath(token);
        var ofPending = OwnerOnlyFiles.TempPath(token + ".pending");
        System.IO.File.WriteAllText(ofToken, "{}");
        System.IO.File.WriteAllText(ofPending, "[]");

        Assert.Equal(new[] { ofToken }, OwnerOnlyFiles.LeftoverTemps(token));
        Assert.Equal(new[] { ofPending }, OwnerOnlyFiles.LeftoverTemps(token + ".pending"));
    }

    [Fact]
    public void A_replace_clears_the_temp_files_a_stopped_writer_left()
    {
        var file = File();
        var left = OwnerOnlyFiles.TempPath(file.Path);
        System.IO.File.WriteAllText(left, "half");

        file.Replace(Encoding.UTF8.GetBytes("whole"));

        Assert.False(System.IO.File.Exists(left));
        Assert.Equal("whole", System.IO.File.ReadAllText(file.Path));
    }

    [Fact]
    public void A_complete_temp_file_whose_rename_fails_is_kept_not_deleted()
    {
        var file = File();
        System.IO.File.WriteAllText(file.Path, "old");

        TempKeptException kept;
        using (WriteFaults.Immutable(file.Path))
        {
            kept = Assert.Throws<TempKeptException>(() => file.Replace(Encoding.UTF8.GetBytes("new")));
        }

        Assert.Equal("old", System.IO.File.ReadAllText(file.Path));
        Assert.Equal("new", System.IO.File.ReadAllText(kept.KeptPath));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, System.IO.File.GetUnixFileMode(kept.KeptPath));
    }

    [Fact]
    public void A_reservation_on_a_full_disk_fails_before_there_is_anything_to_write()
    {
        var tiny = _folder.File("tiny");
        using var mount = WriteFaults.TinyTmpfs(tiny);
        WriteFaults.Fill(tiny);
        var file = new LockedFile(Path.Combine(tiny, "state.json"), 1024);

        Assert.ThrowsAny<IOException>(() => file.Reserve().Dispose());
        Assert.Equal(new[] { "filler" }, Directory.GetFiles(tiny).Select(Path.GetFileName));
    }

    [Fact]
    public void A_reservation_is_filled_without_more_space_and_renamed_in_place()
    {
        var tiny = _folder.File("tiny");
        using var mount = WriteFaults.TinyTmpfs(tiny);
        var file = new LockedFile(Path.Combine(tiny, "state.json"), 1024);
        using var reserved = file.Reserve();
        WriteFaults.Fill(tiny);

        file.Replace(reserved, Encoding.UTF8.GetBytes("written after the disk filled up"));

        Assert.Equal("written after the disk filled up", System.IO.File.ReadAllText(file.Path));
    }
}
