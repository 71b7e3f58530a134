using System;
using System.Management.Automation;
using System.Runtime.InteropServices;
using System.Security;

namespace KakaoPS.PowerShellAdapter
{
    /// <summary>Lets a SecureString parameter also take a plain string, as CI secrets usually arrive.</summary>
    [AttributeUsage(AttributeTargets.Property)]
    internal sealed class SecureStringArgumentAttribute : ArgumentTransformationAttribute
    {
        public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
        {
            var value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
            if (value is string text)
            {
                var secure = new SecureString();
                foreach (var c in text)
                {
                    secure.AppendChar(c);
                }

                secure.MakeReadOnly();
                return secure;
            }

            return value;
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
