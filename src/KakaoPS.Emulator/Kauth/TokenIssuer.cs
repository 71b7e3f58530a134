using KakaoPS.Emulator.State;

namespace KakaoPS.Emulator.Kauth;

/// <summary>Issues an access + refresh token pair and builds Kakao's token response for it.</summary>
public sealed class TokenIssuer(EmulatorState state)
{
    public object IssuePair(EmulatorApp app, long userId, int accessLifetime, int refreshLifetime)
    {
        var access = state.Tokens.IssueAccess(app.RestApiKey, userId, accessLifetime);
        var refresh = state.Tokens.IssueRefresh(app.RestApiKey, userId, refreshLifetime);
        var scope = GrantedScope(app, userId);
        return new
        {
            access_token = access.Value,
            token_type = "bearer",
            refresh_token = refresh.Value,
            expires_in = accessLifetime,
            scope = scope.Length == 0 ? null : scope,
            refresh_token_expires_in = refreshLifetime,
        };
    }

    /// <summary>The user's agreed consent ids, space-separated, in the app's consent-item order.</summary>
    public string GrantedScope(EmulatorApp app, long userId)
    {
        var agreed = state.Consents.Agreed(app.RestApiKey, userId);
        var ordered = app.ConsentItems.Select(i => i.Id).Where(agreed.Contains)
            .Concat(agreed.Where(id => app.FindConsentItem(id) is null).Order(StringComparer.Ordinal));
        return string.Join(' ', ordered);
    }
}
