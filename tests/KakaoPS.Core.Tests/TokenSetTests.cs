using System;
using System.Linq;
using System.Reflection;
using System.Text;
using System.Text.Json;
using KakaoPS.Tokens;

namespace KakaoPS.Core.Tests;

/// <summary>One TokenSet is shared by every runspace of the process: it never changes, changes are copies.</summary>
public sealed class TokenSetTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void No_property_can_be_set_from_outside()
    {
        var settable = typeof(TokenSet).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.SetMethod is MethodInfo setter && (setter.IsPublic || setter.IsAssembly))
            .Select(p => p.Name);

        Assert.Empty(settable);
        Assert.False(typeof(System.Collections.IDictionary).IsAssignableFrom(typeof(TokenSet).GetProperty(nameof(TokenSet.OtherFields))!.PropertyType));
    }

    [Fact]
    public void A_change_is_a_copy_and_the_original_stays()
    {
        var original = TokenSet.Parse(Encoding.UTF8.GetBytes("""{"access_token":"AT","refresh_token":"RT","expires_in":21599,"extra":1}"""), Now);

        var stamped = original.WithLogin("key", "secret", "http://127.0.0.1", "http://a", "http://b").WithUserId(7).WithRenewalAttempt(Now);

        Assert.Null(original.ClientId);
        Assert.Null(original.UserId);
        Assert.Null(original.RenewalAttemptedAt);
        Assert.Equal(("key", "secret", "http://a", "http://b", 7L, Now), (stamped.ClientId, stamped.ClientSecret, stamped.AuthUrl, stamped.ApiUrl, stamped.UserId!.Value, stamped.RenewalAttemptedAt!.Value));
        Assert.Equal(("AT", "RT"), (stamped.AccessToken, stamped.RefreshToken));
        Assert.Contains("\"extra\": 1", Encoding.UTF8.GetString(stamped.ToJson()));
    }
}
