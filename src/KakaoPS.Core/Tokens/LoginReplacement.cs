using System.Globalization;
using KakaoPS.Errors;
using KakaoPS.Resources;

namespace KakaoPS.Tokens
{
    /// <summary>A new login about to replace a saved login of another Kakao user (or app), for the user to confirm.</summary>
    internal sealed class LoginReplacement
    {
        internal LoginReplacement(string tokenPath, long savedUserId, string? savedClientId, long? newUserId, string? newClientId)
        {
            TokenPath = tokenPath;
            SavedUserId = savedUserId;
            SavedClientId = savedClientId;
            NewUserId = newUserId;
            NewClientId = newClientId;
        }

        public string TokenPath { get; }

        public long SavedUserId { get; }

        public string? SavedClientId { get; }

        /// <summary>Null when Kakao did not say whose the new tokens are.</summary>
        public long? NewUserId { get; }

        public string? NewClientId { get; }

        /// <summary>Both logins, by user id and app.</summary>
        public string Description => string.Format(CultureInfo.CurrentCulture, CredentialMessages.LoginForAnotherUser, TokenPath,
            SavedUserId.ToString(CultureInfo.InvariantCulture), SavedClientId ?? CredentialMessages.Unknown,
            NewUserId?.ToString(CultureInfo.InvariantCulture) ?? CredentialMessages.Unknown, NewClientId ?? CredentialMessages.Unknown);

        /// <summary>True once the user was asked (and said no): the error then speaks of that answer, not of -Force.</summary>
        public bool Asked { get; set; }

        /// <summary>The error when the replacement was not confirmed.</summary>
        internal KakaoException Refused() =>
            new KakaoException("LoginForAnotherUser", KakaoErrorKind.PermissionDenied,
                string.Format(CultureInfo.CurrentCulture, CredentialMessages.LoginNotReplaced, Description),
                Asked ? CredentialMessages.LoginForAnotherUserDeclinedAction : CredentialMessages.LoginForAnotherUserAction);


        /// <summary>The error when the replacement was not confirmed after Kakao replaced the refresh token the login was made from.</summary>
        internal KakaoException RefusedAfterRotation(bool handedOn) =>
            new KakaoException("LoginForAnotherUser", KakaoErrorKind.PermissionDenied,
                string.Format(CultureInfo.CurrentCulture, CredentialMessages.LoginNotReplacedRotated, Description,
                    handedOn ? CredentialMessages.RefusedHandedOn : string.Empty),
                CredentialMessages.LoginForAnotherUserRotatedAction);
    }
}
