namespace KakaoPS.Tokens
{
    /// <summary>
    /// What a file at the token path is, told from its bytes before anything is done to it. Only
    /// a file KakaoPS wrote may be moved aside; only a token file may be replaced or removed; any
    /// other file is left exactly as it is.
    /// </summary>
    internal enum TokenFileKind
    {
        /// <summary>Neither Kakao tokens nor the KakaoPS marker: someone else's file (package.json, an empty __init__.py).</summary>
        Foreign,

        /// <summary>Written by KakaoPS: it carries <c>kakaops_format</c>, even if damaged since.</summary>
        KakaoPS,

        /// <summary>Kakao's token response as another tool (the lesson's script) saved it: <c>access_token</c> or <c>refresh_token</c>.</summary>
        Tokens,

        /// <summary>Kakao's error response to a token request, which the lesson's script saves in place of tokens (run twice).</summary>
        KakaoError,
    }
}
