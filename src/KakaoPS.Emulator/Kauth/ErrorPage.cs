using System.Net;

namespace KakaoPS.Emulator.Kauth;

/// <summary>The HTML page kauth shows when an authorize request cannot even be redirected (KOE101, KOE006, …).</summary>
public static class ErrorPage
{
    public static IResult Show(int status, string koeCode, string error, string description)
    {
        var html = $$"""
            <!DOCTYPE html>
            <html lang="ko">
            <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Kakao | 오류 (Error) {{koeCode}}</title>
            <style>body{font-family:sans-serif;max-width:480px;margin:48px auto;padding:0 16px;color:#191919}
            h1{font-size:20px}code{background:#f3f3f3;padding:2px 4px}</style></head>
            <body>
            <h1>잘못된 요청 <small>(Bad request)</small></h1>
            <p>앱 관리자 설정 오류입니다. <span lang="en">The app's settings do not allow this request.</span></p>
            <p>에러 코드 (Error code): <code id="error-code">{{koeCode}}</code></p>
            <p>오류 (error): <code id="error">{{error}}</code></p>
            <p id="error-description">{{WebUtility.HtmlEncode(description)}}</p>
            </body></html>
            """;
        return Results.Content(html, "text/html; charset=utf-8", statusCode: status);
    }
}
