using System.Collections.Concurrent;

namespace KakaoPS.Emulator.State;

/// <summary>A Kakao account. <see cref="KakaoTalkUser"/> false means an account without KakaoTalk (memo sends get -501).</summary>
public sealed record EmulatorUser(long Id, string Nickname, bool KakaoTalkUser = true);

/// <summary>Known accounts; any id the control API mentions becomes an account with default settings.</summary>
public sealed class UserRegistry
{
    private readonly ConcurrentDictionary<long, EmulatorUser> _users = new();

    public EmulatorUser Get(long id) => _users.GetOrAdd(id, key => new EmulatorUser(key, EmulatorDefaults.UserNickname));

    public EmulatorUser Update(long id, string? nickname, bool? kakaoTalkUser) =>
        _users.AddOrUpdate(id,
            key => new EmulatorUser(key, nickname ?? EmulatorDefaults.UserNickname, kakaoTalkUser ?? true),
            (_, user) => user with { Nickname = nickname ?? user.Nickname, KakaoTalkUser = kakaoTalkUser ?? user.KakaoTalkUser });

    public IEnumerable<EmulatorUser> All => _users.Values.OrderBy(u => u.Id);

    public void Reset()
    {
        _users.Clear();
        Get(EmulatorDefaults.UserId);
    }
}
