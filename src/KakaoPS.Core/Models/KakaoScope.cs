namespace KakaoPS.Models
{
    /// <summary>One consent item of the user for this app (GET /v2/user/scopes).</summary>
    public sealed class KakaoScope
    {
        public string Id { get; set; } = string.Empty;
        public string DisplayName { get; set; } = string.Empty;

        /// <summary>PRIVACY (personal information) or SERVICE (access permission such as talk_message).</summary>
        public string Type { get; set; } = string.Empty;

        /// <summary>False when the user agreed earlier but the app no longer uses the item.</summary>
        public bool Using { get; set; }
        public bool Agreed { get; set; }

        /// <summary>Whether the user may withdraw the consent; Kakao says so only for agreed items.</summary>
        public bool? Revocable { get; set; }
        public bool? Delegated { get; set; }
        public long UserId { get; set; }

        public override string ToString() => Id;
    }
}
