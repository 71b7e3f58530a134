using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Management.Automation;

namespace EmptyModule
{
    /// <summary>
    /// The floor of a one-shot send: one compiled raw HttpClient POST of a text memo, of the same form
    /// Send-KakaoMemo sends, and nothing else (no token file, no template check, no retry).
    /// </summary>
    [Cmdlet(VerbsCommunications.Send, "RawPost")]
    public sealed class SendRawPostCommand : PSCmdlet
    {
        [Parameter(Mandatory = true, Position = 0)]
        public string ApiUrl { get; set; } = string.Empty;

        [Parameter(Mandatory = true, Position = 1)]
        public string AccessToken { get; set; } = string.Empty;

        [Parameter(Position = 2)]
        public string Text { get; set; } = "CI step finished";

        protected override void EndProcessing()
        {
            using (var http = new HttpClient())
            using (var request = new HttpRequestMessage(HttpMethod.Post, ApiUrl.TrimEnd('/') + "/v2/api/talk/memo/default/send"))
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", AccessToken);
                var template = "{\"object_type\":\"text\",\"text\":\"" + Text + "\",\"link\":{\"web_url\":\"https://developers.kakao.com\",\"mobile_web_url\":\"https://developers.kakao.com\"}}";
                request.Content = new FormUrlEncodedContent(new[] { new KeyValuePair<string, string>("template_object", template) });
                using (var response = http.SendAsync(request).GetAwaiter().GetResult())
                {
                    var body = response.Content.ReadAsStringAsync().GetAwaiter().GetResult();
                    if (!response.IsSuccessStatusCode || body.IndexOf("\"result_code\":0", StringComparison.Ordinal) < 0)
                    {
                        throw new InvalidOperationException("HTTP " + (int)response.StatusCode + ": " + body);
                    }
                }
            }
        }
    }
}
