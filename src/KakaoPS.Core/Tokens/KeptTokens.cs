using KakaoPS.Errors;

namespace KakaoPS.Tokens
{
    /// <summary>
    /// What became of tokens Kakao has just issued: kept in the login's store, or not kept because
    /// the store refused them (<see cref="Failure"/>). Kakao has answered either way, so a refresh
    /// token it replaced no longer works: the issued <see cref="Tokens"/> are the only live ones.
    /// </summary>
    internal sealed class KeptTokens
    {
        private KeptTokens(TokenSet tokens, KakaoException? failure)
        {
            Tokens = tokens;
            Failure = failure;
        }

        public TokenSet Tokens { get; }

        /// <summary>Why the store did not take the tokens; null when it did.</summary>
        public KakaoException? Failure { get; }

        public bool Kept => Failure == null;

        public static KeptTokens InStore(TokenSet tokens) => new KeptTokens(tokens, null);

        public static KeptTokens NotKept(TokenSet tokens, KakaoException failure) => new KeptTokens(tokens, failure);
    }
}
