using System;
using KakaoPS.Files;

namespace KakaoPS.Core.Tests;

/// <summary>The owner-only rule as Windows is given it; the Windows CI workflow checks the ACL it produces.</summary>
public sealed class OwnerOnlyFilesTests
{
    private const string Sid = "S-1-5-21-1004336348-1177238915-682003330-1001";

    [Fact]
    public void A_file_gets_a_protected_DACL_with_one_entry_for_the_user_alone()
    {
        Assert.Equal($"O:{Sid}D:P(A;;FA;;;{Sid})", WindowsFiles.OwnerOnlySddl(Sid, folder: false));
    }

    [Fact]
    public void A_folder_hands_the_same_single_entry_on_to_what_is_created_inside()
    {
        Assert.Equal($"O:{Sid}D:P(A;OICI;FA;;;{Sid})", WindowsFiles.OwnerOnlySddl(Sid, folder: true));
    }

    [Theory]
    [InlineData("")]
    [InlineData("Everyone")]
    [InlineData("WD")]
    public void Anything_but_a_SID_is_refused(string notASid)
    {
        Assert.Throws<ArgumentException>(() => WindowsFiles.OwnerOnlySddl(notASid, folder: false));
    }
}
