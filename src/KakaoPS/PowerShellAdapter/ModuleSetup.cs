using System.IO;
using System.Management.Automation;
using System.Threading;
using KakaoPS.Http;

namespace KakaoPS.PowerShellAdapter
{
    /// <summary>
    /// Runs when Import-Module loads the assembly, before any command: on Windows PowerShell 5.1 the
    /// module's dependencies are resolved from its own folder from then on (<see cref="DependencyResolver"/>).
    /// Once per process, and never taken back: the assembly stays loaded after Remove-Module, other
    /// runspaces may still use it, and the resolver answers only for the module's own files.
    /// Public because PowerShell looks for the initializer among exported types only.
    /// </summary>
    public sealed class ModuleSetup : IModuleAssemblyInitializer
    {
        private static DependencyResolver? _resolver;

        public void OnImport()
        {
            if (!KakaoHttpHandler.OnNetFramework)
            {
                return;
            }

            var resolver = new DependencyResolver(Path.GetDirectoryName(typeof(ModuleSetup).Assembly.Location)!);
            if (Interlocked.CompareExchange(ref _resolver, resolver, null) == null)
            {
                resolver.Register();
            }
        }
    }
}
