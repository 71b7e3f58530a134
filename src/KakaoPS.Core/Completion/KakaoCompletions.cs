using System;
using System.Collections.Generic;
using System.Linq;

namespace KakaoPS.Completion
{
    /// <summary>
    /// The values tab completion offers, and how a typed word picks them. Kept out of the
    /// PowerShell layer so the matching is tested without a runspace.
    /// </summary>
    internal static class KakaoCompletions
    {
        public sealed class Item
        {
            public Item(string value, string description)
            {
                Value = value;
                Description = description;
            }

            public string Value { get; }

            /// <summary>The name Kakao's console shows, so a Korean word finds the id too.</summary>
            public string Description { get; }
        }

        /// <summary>Consent item ids of Kakao Login that a memo user is likely to meet; talk_message first.</summary>
        public static readonly IReadOnlyList<Item> ConsentItems = new[]
        {
            new Item("talk_message", "카카오톡 메시지 전송 (send KakaoTalk messages)"),
            new Item("profile_nickname", "닉네임 (nickname)"),
            new Item("profile_image", "프로필 사진 (profile image)"),
            new Item("account_email", "카카오계정(이메일) (e-mail)"),
            new Item("friends", "카카오 서비스 내 친구목록 (friends list)"),
            new Item("talk_calendar", "톡캘린더 일정 관리 (Talk Calendar)"),
            new Item("plusfriends", "카카오톡 채널 추가 상태 (Kakao Talk Channel relation)"),
            new Item("name", "이름 (name)"),
            new Item("gender", "성별 (gender)"),
            new Item("age_range", "연령대 (age range)"),
            new Item("birthday", "생일 (birthday)"),
            new Item("birthyear", "출생 연도 (birth year)"),
            new Item("phone_number", "카카오계정(전화번호) (phone number)"),
            new Item("openid", "OpenID Connect ID 토큰 (ID token)"),
        };

        /// <summary>
        /// Items whose value starts with the word; when none does, items whose description contains
        /// it (so 메시지 finds talk_message). Case-insensitive, quotes around the word ignored.
        /// </summary>
        public static IEnumerable<Item> Match(IEnumerable<Item> items, string? word)
        {
            var typed = (word ?? string.Empty).Trim().Trim('\'', '"');
            var list = items.ToList();
            var byValue = list.Where(i => i.Value.StartsWith(typed, StringComparison.OrdinalIgnoreCase)).ToList();
            return byValue.Count > 0
                ? byValue
                : list.Where(i => i.Description.IndexOf(typed, StringComparison.OrdinalIgnoreCase) >= 0).ToList();
        }
    }
}
