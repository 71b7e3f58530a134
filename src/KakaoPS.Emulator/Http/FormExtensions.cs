namespace KakaoPS.Emulator.Http;

public static class FormExtensions
{
    /// <summary>Kakao reads parameters from a form body only; any other body reads as "no parameters at all".</summary>
    public static async Task<IFormCollection> ReadFormOrEmptyAsync(this HttpRequest request) =>
        request.HasFormContentType ? await request.ReadFormAsync() : FormCollection.Empty;

    public static string? Value(this IFormCollection form, string key) =>
        form.TryGetValue(key, out var values) ? values.ToString() : null;
}
