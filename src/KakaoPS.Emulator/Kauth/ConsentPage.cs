using System.Net;
using System.Text;
using KakaoPS.Emulator.State;

namespace KakaoPS.Emulator.Kauth;

/// <summary>
/// Kakao's consent screen (동의 화면). Element ids are stable for browser tests: <c>#agree-all</c>,
/// <c>#scope-{id}</c>, <c>#agree</c>, <c>#cancel</c>.
/// </summary>
public static class ConsentPage
{
    public static IResult Show(AuthorizeRequest request, IReadOnlyList<ConsentItem> items, string nickname)
    {
        var hidden = new StringBuilder();
        AddHidden(hidden, "client_id", request.App.RestApiKey);
        AddHidden(hidden, "redirect_uri", request.RedirectUri);
        AddHidden(hidden, "state", request.State);
        AddHidden(hidden, "scope", string.Join(',', request.Scopes));
        AddHidden(hidden, "code_challenge", request.CodeChallenge);
        AddHidden(hidden, "code_challenge_method", request.CodeChallenge is null ? null : request.CodeChallengeMethod);

        var rows = new StringBuilder();
        foreach (var item in items)
        {
            var id = Encode(item.Id);
            var label = item.Required ? "[필수]" : "[선택]";
            // Required items cannot be unticked; the server adds them whatever the form says.
            var attributes = item.Required ? "checked disabled" : "checked";
            rows.Append($"""
                <li><label><input type="checkbox" class="scope" id="scope-{id}" name="agreed_scope" value="{id}" {attributes}>
                <span class="tag">{label}</span> {Encode(item.KoreanName)} <small lang="en">({Encode(item.DisplayName)})</small></label></li>
                """);
        }

        var appName = Encode(request.App.Name);
        var html = $$"""
            <!DOCTYPE html>
            <html lang="ko">
            <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>카카오계정 동의 (Kakao consent) – {{appName}}</title>
            <style>
            body{font-family:"Apple SD Gothic Neo","NanumGothic",sans-serif;background:#f5f5f5;margin:0;color:#191919}
            main{max-width:420px;margin:24px auto;background:#fff;border-radius:12px;padding:24px}
            .app{font-size:13px;color:#666}h1{font-size:20px;margin:4px 0 16px}
            ul{list-style:none;padding:0}li{padding:8px 0;border-bottom:1px solid #eee}.tag{color:#888}
            .all{font-weight:bold;padding:12px 0;border-bottom:2px solid #191919}
            button{width:100%;padding:14px;border:0;border-radius:8px;font-size:16px;margin-top:8px}
            #agree{background:#fee500;color:#191919}#cancel{background:#eee;color:#555}
            </style></head>
            <body><main>
            <p class="app">APP</p>
            <h1 id="app-name">{{appName}}</h1>
            <p id="account">{{Encode(nickname)}} <small>(user {{request.UserId}})</small></p>
            <form method="post" action="/oauth/authorize/consent">
            {{hidden}}
            <label class="all"><input type="checkbox" id="agree-all" checked> 전체 동의하기 <small lang="en">(Agree to all)</small></label>
            <p><small>전체 동의는 선택 항목에 대한 동의를 포함하며, 선택 항목에 동의하지 않아도 서비스 이용이 가능합니다.
            <span lang="en">Agreeing to all includes the optional items; you can use the service without them.</span></small></p>
            <ul id="items">{{rows}}</ul>
            <button type="submit" id="agree" name="action" value="agree">동의하고 계속하기 <small>(Agree and continue)</small></button>
            <button type="submit" id="cancel" name="action" value="cancel">취소 <small>(Cancel)</small></button>
            </form>
            </main>
            <script>
            const all = document.getElementById('agree-all');
            const boxes = [...document.querySelectorAll('input.scope:not([disabled])')];
            all.addEventListener('change', () => boxes.forEach(b => b.checked = all.checked));
            boxes.forEach(b => b.addEventListener('change', () => all.checked = boxes.every(x => x.checked)));
            </script>
            </body></html>
            """;
        return Results.Content(html, "text/html; charset=utf-8");
    }

    private static void AddHidden(StringBuilder html, string name, string? value)
    {
        if (value is not null)
            html.Append($"""<input type="hidden" name="{name}" value="{Encode(value)}">""").Append('\n');
    }

    private static string Encode(string value) => WebUtility.HtmlEncode(value);
}
