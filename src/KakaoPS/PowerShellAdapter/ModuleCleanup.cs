using System.Management.Automation;
using KakaoPS.Session;

namespace KakaoPS.PowerShellAdapter
{
    /// <summary>
    /// Remove-Module KakaoPS forgets the logins this process holds and their -OnRefreshTokenRotated
    /// script blocks: the assembly stays loaded, so without this a memory-only login would outlive
    /// the module and come back on the next import.
    /// Public because PowerShell looks for the cleanup among exported types only.
    /// </summary>
    public sealed class ModuleCleanup : IModuleAssemblyCleanup
    {
        public void OnRemove(PSModuleInfo psModuleInfo)
        {
            KakaoSession.Instance.Forget();
            RefreshTokenRotatedHandlers.ForgetAll();
        }
    }
}
