using System;
using System.Management.Automation;
using System.Runtime.InteropServices;
using System.Security;
using KakaoPS.Tokens;

namespace KakaoPS.PowerShellAdapter
{
    /// <summary>Lets a SecureString parameter also take a plain string, as CI secrets usually arrive.</summary>
    [AttributeUsage(AttributeTargets.Property)]
    internal sealed class SecureStringArgumentAttribute : ArgumentTransformationAttribute
    {
        public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
        {
            var value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
            return value is string text ? SecureText.From(text)! : value;
        }

        /// <summary>The plain text, for the one moment it is sent to Kakao.</summary>
        public static string Reveal(SecureString secure)
        {
            var pointer = Marshal.SecureStringToGlobalAllocUnicode(secure);
            try
            {
                return Marshal.PtrToStringUni(pointer) ?? string.Empty;
            }
            finally
            {
                Marshal.ZeroFreeGlobalAllocUnicode(pointer);
            }
        }
    }
}
