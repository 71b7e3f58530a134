using System;
using System.Globalization;
using System.IO;
using KakaoPS.Errors;
using KakaoPS.Files;
using KakaoPS.Resources;

namespace KakaoPS.Tokens
{
    /// <summary>Reads of a token file, or of a temp file that may hold one, with the token file's errors.</summary>
    internal static class TokenFileReads
    {
        /// <summary>Reads a small regular file of this user; the errors are the token file's.</summary>
        public static (byte[]? Content, FileFacts? Facts) ReadChecked(string path)
        {
            try
            {
                var content = LockedFile.ReadOwned(path, TokenStore.MaximumSize, out var facts);
                return (content, facts);
            }
            catch (UnsafeFileException e)
            {
                throw TokenFileErrors.Unsafe(e);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                throw new KakaoException("TokenFileUnreadable", KakaoErrorKind.ReadError,
                    string.Format(CultureInfo.CurrentCulture, TokenFileMessages.TokenFileUnreadable, path, e.Message),
                    TokenFileMessages.TokenFileUnreadableAction, e);
            }
        }

        public static TokenSet? TryParse(string path)
        {
            try
            {
                var (content, _) = ReadChecked(path);
                return content == null ? null : TokenSet.Parse(content, new DateTimeOffset(File.GetLastWriteTimeUtc(path), TimeSpan.Zero));
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || TokenFileErrors.IsBadContent(e))
            {
                return null;
            }
        }

        public static bool Parses(byte[] content)
        {
            try
            {
                TokenSet.Parse(content, DateTimeOffset.UtcNow);
                return true;
            }
            catch (Exception e) when (TokenFileErrors.IsBadContent(e))
            {
                return false;
            }
        }
    }
}
