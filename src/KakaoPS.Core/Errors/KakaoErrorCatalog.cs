using System;
using System.Collections.Generic;
using KakaoPS.Resources;

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
            private readonly Func<string> _meaning;
            private readonly Func<string> _action;

            public Entry(KakaoErrorKind kind, Func<string> meaning, Func<string> action, bool transient = false)
            {
                Kind = kind;
                _meaning = meaning;
                _action = action;
                Transient = transient;
            }

            public KakaoErrorKind Kind { get; }

            /// <summary>The explanation in the current UI culture.</summary>
            public string Meaning => _meaning();

            /// <summary>What to do, in the current UI culture.</summary>
            public string Action => _action();

            public bool Transient { get; }
        }

        private static readonly Func<string> Reconnect = () => ErrorCatalogMessages.Reconnect;
        private static readonly Func<string> TryAgainSoon = () => ErrorCatalogMessages.TryAgainSoon;
        private static readonly Func<string> TryAgainLater = () => ErrorCatalogMessages.TryAgainLater;

        private static readonly Dictionary<string, Entry> Auth = new Dictionary<string, Entry>
        {
            ["KOE003"] = new Entry(KakaoErrorKind.ResourceUnavailable, () => ErrorCatalogMessages.KOE003Meaning, TryAgainSoon, transient: true),
            ["KOE006"] = new Entry(KakaoErrorKind.InvalidArgument, () => ErrorCatalogMessages.KOE006Meaning, () => ErrorCatalogMessages.KOE006Action),
            ["KOE010"] = new Entry(KakaoErrorKind.Authentication, () => ErrorCatalogMessages.KOE010Meaning, () => ErrorCatalogMessages.KOE010Action),
            ["KOE101"] = new Entry(KakaoErrorKind.InvalidArgument, () => ErrorCatalogMessages.KOE101Meaning, () => ErrorCatalogMessages.KOE101Action),
            ["KOE237"] = new Entry(KakaoErrorKind.QuotaExceeded, () => ErrorCatalogMessages.KOE237Meaning, () => ErrorCatalogMessages.KOE237Action),
            ["KOE303"] = new Entry(KakaoErrorKind.InvalidArgument, () => ErrorCatalogMessages.KOE303Meaning, () => ErrorCatalogMessages.KOE303Action),
            ["KOE310"] = new Entry(KakaoErrorKind.InvalidArgument, () => ErrorCatalogMessages.KOE310Meaning, () => ErrorCatalogMessages.KOE310Action),
            ["KOE319"] = new Entry(KakaoErrorKind.NotConnected, () => ErrorCatalogMessages.KOE319Meaning, Reconnect),
            ["KOE320"] = new Entry(KakaoErrorKind.InvalidArgument, () => ErrorCatalogMessages.KOE320Meaning, () => ErrorCatalogMessages.KOE320Action),
            ["KOE322"] = new Entry(KakaoErrorKind.Authentication, () => ErrorCatalogMessages.KOE322Meaning, Reconnect),
        };

        private static readonly Dictionary<int, Entry> Api = new Dictionary<int, Entry>
        {
            [-1] = new Entry(KakaoErrorKind.ResourceUnavailable, () => ErrorCatalogMessages.Api1Meaning, TryAgainSoon, transient: true),
            [-2] = new Entry(KakaoErrorKind.InvalidArgument, () => ErrorCatalogMessages.Api2Meaning, () => ErrorCatalogMessages.Api2Action),
            [-3] = new Entry(KakaoErrorKind.PermissionDenied, () => ErrorCatalogMessages.Api3Meaning, () => ErrorCatalogMessages.Api3Action),
            [-5] = new Entry(KakaoErrorKind.PermissionDenied, () => ErrorCatalogMessages.Api5Meaning, () => ErrorCatalogMessages.Api5Action),
            [-7] = new Entry(KakaoErrorKind.ResourceUnavailable, () => ErrorCatalogMessages.Api7Meaning, TryAgainLater, transient: true),
            [-10] = new Entry(KakaoErrorKind.QuotaExceeded, () => ErrorCatalogMessages.Api10Meaning, () => ErrorCatalogMessages.Api10Action),
            [-401] = new Entry(KakaoErrorKind.Authentication, () => ErrorCatalogMessages.Api401Meaning, Reconnect),
            [-402] = new Entry(KakaoErrorKind.PermissionDenied, () => ErrorCatalogMessages.Api402Meaning, () => ErrorCatalogMessages.Api402Action),
            [-501] = new Entry(KakaoErrorKind.PermissionDenied, () => ErrorCatalogMessages.Api501Meaning, () => ErrorCatalogMessages.Api501Action),
            [-532] = new Entry(KakaoErrorKind.QuotaExceeded, () => ErrorCatalogMessages.Api532Meaning, () => ErrorCatalogMessages.Api532Action),
            [-603] = new Entry(KakaoErrorKind.OperationTimeout, () => ErrorCatalogMessages.Api603Meaning, TryAgainSoon, transient: true),
            [-9798] = new Entry(KakaoErrorKind.ResourceUnavailable, () => ErrorCatalogMessages.Api9798Meaning, TryAgainLater, transient: true),
        };

        private static readonly Func<string> SeeTroubleshooting = () => ErrorCatalogMessages.SeeTroubleshooting;

        public static Entry ForAuthCode(string code) =>
            Auth.TryGetValue(code, out var entry)
                ? entry
                : new Entry(KakaoErrorKind.InvalidArgument, () => ErrorCatalogMessages.AuthUnknownMeaning, SeeTroubleshooting);

        public static Entry ForApiCode(int code) =>
            Api.TryGetValue(code, out var entry)
                ? entry
                : new Entry(KakaoErrorKind.InvalidArgument, () => ErrorCatalogMessages.ApiUnknownMeaning, SeeTroubleshooting);
    }
}
