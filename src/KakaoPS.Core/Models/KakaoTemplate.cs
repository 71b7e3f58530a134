namespace KakaoPS.Models
{
    /// <summary>
    /// A default template (text, feed, list, location or commerce) that passed Kakao's rules,
    /// as the template_object JSON Send-KakaoMemo sends. Only the validator creates one.
    /// </summary>
    public sealed class KakaoTemplate
    {
        internal KakaoTemplate(string objectType, string json)
        {
            ObjectType = objectType;
            Json = json;
        }

        /// <summary>text, feed, list, location or commerce.</summary>
        public string ObjectType { get; }

        /// <summary>The template_object form value, exactly as it is sent.</summary>
        public string Json { get; }

        public override string ToString() => Json;
    }
}
