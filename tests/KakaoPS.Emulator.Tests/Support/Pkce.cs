using System.Security.Cryptography;
using System.Text;

namespace KakaoPS.Emulator.Tests.Support;

/// <summary>The client side of RFC 7636, written here independently of the emulator's check.</summary>
public static class Pkce
{
    public static string Challenge(string verifier) =>
        Convert.ToBase64String(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
