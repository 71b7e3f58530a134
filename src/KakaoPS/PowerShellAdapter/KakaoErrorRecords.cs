using System.Management.Automation;
using KakaoPS.Errors;

namespace KakaoPS.PowerShellAdapter
{
    /// <summary>A <see cref="KakaoException"/> as PowerShell shows it: its ErrorId, a category, the target and the recommended action.</summary>
    internal static class KakaoErrorRecords
    {
        public static ErrorRecord From(KakaoException e, object? target) =>
            new ErrorRecord(e, e.ErrorId, Category(e.Kind), target)
            {
                ErrorDetails = new ErrorDetails(e.Message) { RecommendedAction = e.RecommendedAction },
            };

        public static ErrorCategory Category(KakaoErrorKind kind) => kind switch
        {
            KakaoErrorKind.InvalidArgument => ErrorCategory.InvalidArgument,
            KakaoErrorKind.InvalidData => ErrorCategory.InvalidData,
            KakaoErrorKind.NotConnected => ErrorCategory.AuthenticationError,
            KakaoErrorKind.Authentication => ErrorCategory.AuthenticationError,
            KakaoErrorKind.PermissionDenied => ErrorCategory.PermissionDenied,
            KakaoErrorKind.QuotaExceeded => ErrorCategory.QuotaExceeded,
            KakaoErrorKind.ResourceUnavailable => ErrorCategory.ResourceUnavailable,
            KakaoErrorKind.ConnectionError => ErrorCategory.ConnectionError,
            KakaoErrorKind.OperationTimeout => ErrorCategory.OperationTimeout,
            KakaoErrorKind.NotImplemented => ErrorCategory.NotImplemented,
            KakaoErrorKind.WriteError => ErrorCategory.WriteError,
            KakaoErrorKind.ReadError => ErrorCategory.ReadError,
            KakaoErrorKind.ObjectNotFound => ErrorCategory.ObjectNotFound,
            _ => ErrorCategory.NotSpecified,
        };
    }
}
