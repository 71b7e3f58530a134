namespace KakaoPS.Templates
{
    /// <summary>What a template field holds; objects and arrays name the fields of their items.</summary>
    internal enum FieldKind
    {
        Text,
        Url,
        ExecutionParams,
        Integer,
        Object,
        Array,
    }
}
