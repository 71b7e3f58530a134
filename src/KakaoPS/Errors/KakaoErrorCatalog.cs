using System.Collections.Generic;

namespace KakaoPS.Errors
{
    /// <summary>
    /// One table from Kakao's error codes to what the user sees: a kind, a plain explanation and
    /// what to do. Kakao says to branch on the code, never on its message text.
    /// </summary>
    internal static class KakaoErrorCatalog
    {
        internal sealed class Entry
        {
            public Entry(KakaoErrorKind kind, string meaning, string action, bool transient = false)
            {
                Kind = kind;
                Meaning = meaning;
                Action = action;
                Transient = transient;
            }

            public KakaoErrorKind Kind { get; }
            public string Meaning { get; }
            public string Action { get; }
            public bool Transient { get; }
        }

        private const string Reconnect = "Run Get-KakaoAuthUrl -Open, consent in the browser, then Connect-Kakao with the new code (or just run Connect-Kakao).";

        private static readonly Dictionary<string, Entry> Auth = new Dictionary<string, Entry>
        {
            ["KOE003"] = new Entry(KakaoErrorKind.ResourceUnavailable, "Kakao's login server had a temporary fault.", "Try again in a moment.", transient: true),
            ["KOE006"] = new Entry(KakaoErrorKind.InvalidArgument, "The redirect URI is not registered for this REST API key.", "Register the exact redirect URI (scheme, host, port and path) under the app's REST API key in the Kakao Developers console, or pass the registered one with -RedirectUri."),
            ["KOE010"] = new Entry(KakaoErrorKind.Authentication, "The client secret is missing or wrong. New Kakao apps have the client secret switched on.", "Pass -ClientSecret (or set KAKAO_CLIENT_SECRET) with the secret shown in the Kakao Developers console, or switch the client secret off there."),
            ["KOE101"] = new Entry(KakaoErrorKind.InvalidArgument, "Kakao does not know this REST API key.", "Check -RestApiKey / KAKAO_REST_API_KEY against [App] > [App keys] in the Kakao Developers console."),
            ["KOE237"] = new Entry(KakaoErrorKind.QuotaExceeded, "Kakao's token issuance limit was reached (20 access tokens per 10 minutes, 30 refreshes per hour, per user).", "Wait a few minutes before connecting or refreshing again."),
            ["KOE303"] = new Entry(KakaoErrorKind.InvalidArgument, "The redirect URI differs from the one used to get the code.", "Pass the same -RedirectUri to Connect-Kakao that Get-KakaoAuthUrl used."),
            ["KOE310"] = new Entry(KakaoErrorKind.InvalidArgument, "Kakao refused the grant type.", "Update KakaoPS; this request should not happen."),
            ["KOE319"] = new Entry(KakaoErrorKind.NotConnected, "No refresh token was sent.", Reconnect),
            ["KOE320"] = new Entry(KakaoErrorKind.InvalidArgument, "The authorization code was already used, has expired, or was never issued. A code works exactly once.", "Get a new code: run Get-KakaoAuthUrl -Open, consent, then Connect-Kakao -Code with the new code. Your saved tokens were left as they were."),
            ["KOE322"] = new Entry(KakaoErrorKind.Authentication, "The refresh token has expired, was replaced by a newer one, or the app was unlinked.", Reconnect),
        };

        private static readonly Dictionary<int, Entry> Api = new Dictionary<int, Entry>
        {
            [-1] = new Entry(KakaoErrorKind.ResourceUnavailable, "Kakao had an internal fault.", "Try again in a moment.", transient: true),
            [-2] = new Entry(KakaoErrorKind.InvalidArgument, "Kakao rejected a parameter (missing, wrong type or out of range).", "Check the message content and template fields."),
            [-3] = new Entry(KakaoErrorKind.PermissionDenied, "The app has not enabled a feature or consent item this call needs.", "In the Kakao Developers console, enable the consent item 카카오톡 메시지 전송 (talk_message) under [동의항목] (Consent items)."),
            [-5] = new Entry(KakaoErrorKind.PermissionDenied, "The app lacks permission for this API.", "Request the permission for the app in the Kakao Developers console."),
            [-7] = new Entry(KakaoErrorKind.ResourceUnavailable, "Kakao is under maintenance or had an internal problem.", "Try again later.", transient: true),
            [-10] = new Entry(KakaoErrorKind.QuotaExceeded, "The app's request quota is used up.", "Wait until the quota resets (daily), or raise it in the Kakao Developers console."),
            [-401] = new Entry(KakaoErrorKind.Authentication, "The access token is invalid or expired.", Reconnect),
            [-402] = new Entry(KakaoErrorKind.PermissionDenied, "You have not consented to what this call needs.", "Consent again: Get-KakaoAuthUrl -Scope talk_message -Open, then Connect-Kakao with the new code."),
            [-501] = new Entry(KakaoErrorKind.PermissionDenied, "This Kakao account is not a KakaoTalk user.", "Sign up for KakaoTalk with this Kakao account, or log in with another account."),
            [-532] = new Entry(KakaoErrorKind.QuotaExceeded, "The daily message quota for this sender is used up.", "Wait until tomorrow (KST) before sending again."),
            [-603] = new Entry(KakaoErrorKind.OperationTimeout, "Kakao timed out internally.", "Try again in a moment.", transient: true),
            [-9798] = new Entry(KakaoErrorKind.ResourceUnavailable, "Kakao is under maintenance.", "Try again later.", transient: true),
        };

        public static Entry ForAuthCode(string code) =>
            Auth.TryGetValue(code, out var entry)
                ? entry
                : new Entry(KakaoErrorKind.InvalidArgument, "Kakao's login server refused the request.", "See the Kakao error code in the troubleshooting table (Get-Help about_KakaoPS).");

        public static Entry ForApiCode(int code) =>
            Api.TryGetValue(code, out var entry)
                ? entry
                : new Entry(KakaoErrorKind.InvalidArgument, "Kakao refused the request.", "See the Kakao error code in the troubleshooting table (Get-Help about_KakaoPS).");
    }
}
