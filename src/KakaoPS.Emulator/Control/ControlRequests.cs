namespace KakaoPS.Emulator.Control;

/// <summary>Bodies of the control API (camelCase JSON).</summary>
public sealed record ClockRequest(double AdvanceSeconds);

public sealed record ConsentRequest(string? Scope, bool Agreed, long? UserId, string? ClientId);

/// <summary>Issues tokens without a browser; consent to <see cref="Scopes"/> (default: all the app's items) is recorded.</summary>
public sealed record IssueTokensRequest(string? ClientId, long? UserId, List<string>? Scopes, int? AccessExpiresIn, int? RefreshExpiresIn);

public sealed record UserRequest(string? Nickname, bool? KakaoTalkUser);
