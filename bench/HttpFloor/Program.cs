// Usage: HttpFloor <apiBaseUrl> <accessToken> <warmup> <count>
// Posts <count> text memos with one shared HttpClient, the least any .NET client can do, and prints
// the milliseconds of each call as a JSON array.
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;

var (baseUrl, token, warmup, count) = (args[0].TrimEnd('/'), args[1], int.Parse(args[2]), int.Parse(args[3]));
using var http = new HttpClient();
http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
var url = baseUrl + "/v2/api/talk/memo/default/send";

async Task<double> PostAsync(int i)
{
    var watch = Stopwatch.StartNew();
    var template = $$$"""{"object_type":"text","text":"floor {{{i}}}","link":{"web_url":"https://developers.kakao.com","mobile_web_url":"https://developers.kakao.com"}}""";
    using var content = new FormUrlEncodedContent([new("template_object", template)]);
    using var response = await http.PostAsync(url, content);
    var body = await response.Content.ReadAsStringAsync();
    if (!response.IsSuccessStatusCode || !body.Contains("\"result_code\":0")) throw new InvalidOperationException($"HTTP {(int)response.StatusCode}: {body}");
    return watch.Elapsed.TotalMilliseconds;
}

for (var i = 0; i < warmup; i++) await PostAsync(i);
var times = new List<double>(count);
for (var i = 0; i < count; i++) times.Add(await PostAsync(i));
Console.WriteLine(JsonSerializer.Serialize(times));
