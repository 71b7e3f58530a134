namespace KakaoPS.Errors
{
    /// <summary>What kind of failure this is; the cmdlet layer maps it to an ErrorCategory.</summary>
    public enum KakaoErrorKind
    {
        InvalidArgument,
        InvalidData,
        NotConnected,
        Authentication,
        PermissionDenied,
        QuotaExceeded,
        ResourceUnavailable,
        ConnectionError,
        OperationTimeout,
        NotImplemented,
        WriteError,
        ReadError,
        ObjectNotFound,
    }
}
