namespace KakaoPS.Emulator.Http;

public static class FormExtensions
{
    public const string UnreadableForm = "The request body is not a readable form (application/x-www-form-urlencoded).";

    /// <summary>
    /// Kakao reads parameters from a form body only; any other body reads as "no parameters at all".
    /// A form body that cannot be read (a multipart type without a boundary, values past the form
    /// limits) is null: the caller answers 400.
    /// </summary>
    public static async Task<IFormCollection?> ReadFormOrEmptyAsync(this HttpRequest request)
    {
        if (!request.HasFormContentType) return FormCollection.Empty;
        try
        {
            return await request.ReadFormAsync();
        }
        catch (Exception e) when (e is InvalidDataException or InvalidOperationException or BadHttpRequestException or IOException)
        {
            return null;
        }
    }

    public static string? Value(this IFormCollection form, string key) =>
        form.TryGetValue(key, out var values) ? values.ToString() : null;
}
