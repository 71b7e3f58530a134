using System;
using System.Threading;
using System.Threading.Tasks;
using KakaoPS.Errors;
using KakaoPS.Logging;
using KakaoPS.Models;

namespace KakaoPS.Tokens
{
    /// <summary>
    /// Where a login lives: the token file, the memory of this process, or any other place a new
    /// class gives (a SecretManagement vault, say). The lifecycle in <see cref="KakaoAuthenticator"/>
    /// reads, refreshes, renews and hands on rotations the same way over every store; a store only
    /// keeps bytes, guards them with a lock and says in its own words where they are.
    /// </summary>
    internal interface ILoginStore
    {
        /// <summary>What Get-KakaoContext reports as the login's scope.</summary>
        TokenScope Scope { get; }

        /// <summary>The token file, for Get-KakaoContext and messages; null when the login lives in no file.</summary>
        string? FilePath { get; }

        /// <summary>A name for the login, unique in the process: the key of its -OnRefreshTokenRotated script block.</summary>
        string Name { get; }

        /// <summary>What -WhatIf and -Confirm name when the login is forgotten.</summary>
        string Target { get; }

        /// <summary>The tokens kept here, or null when there is no login; cheap to call again.</summary>
        TokenSet? Load();

        /// <summary>The error when there is no login here.</summary>
        KakaoException NotConnected();

        /// <summary>
        /// Before anything is asked of Kakao for a new login: fails when this store could not take
        /// it, because a code is used once and a refresh may rotate the token.
        /// </summary>
        void CheckWritable();

        /// <summary>The saved login a new one would replace, or null when there is none or it is not a login.</summary>
        TokenSet? ReadForReplacement();

        /// <summary>
        /// The lock every read-modify-write of this login takes (refreshes of other commands and
        /// processes wait for it), waited for at most <paramref name="timeout"/>.
        /// </summary>
        Task<IDisposable> LockAsync(TimeSpan timeout, CancellationToken cancellationToken);

        /// <summary>
        /// Under <see cref="LockAsync"/>: the tokens as they are now, which another command may have
        /// changed since <paramref name="loaded"/> was read; an error when the login was removed meanwhile.
        /// </summary>
        TokenSet ReadLocked(TokenSet loaded);

        /// <summary>
        /// Under <see cref="LockAsync"/>, before Kakao is asked for tokens: makes room for the next
        /// <see cref="Write"/>, so that a store that cannot take them fails before the request is sent
        /// (a <see cref="KakaoException"/>). Disposed, the room is given back if unused.
        /// </summary>
        IDisposable Reserve();

        /// <summary>Under <see cref="LockAsync"/>: keeps <paramref name="tokens"/>; a <see cref="KakaoException"/> when the store cannot take them.</summary>
        void Write(TokenSet tokens);

        /// <summary>
        /// After <see cref="Write"/> failed with <paramref name="failure"/>: keeps <paramref name="issued"/> for the
        /// rest of this process, and returns the error that says where they are and how to get the saved
        /// login back (<paramref name="rotated"/>: Kakao replaced the refresh token, so the old one no longer works;
        /// <paramref name="handedOn"/>: the user's script block was given the new one; <paramref name="newLogin"/>: a login
        /// Connect-Kakao just made, which replaced nothing).
        /// </summary>
        KakaoException KeepUnsaved(TokenSet issued, KakaoException failure, bool rotated, bool handedOn, bool newLogin = false);

        /// <summary>Under <see cref="LockAsync"/>: forgets the login.</summary>
        void Delete();

        /// <summary>Tells the user that Kakao replaced the refresh token and where the new one is kept.</summary>
        void ReportRotation(TokenSet rotated, bool handedOn, KakaoLog log);

        /// <summary>The message when the user's -OnRefreshTokenRotated script block failed with <paramref name="failure"/>.</summary>
        string HandlerFailed(string failure);
    }
}
