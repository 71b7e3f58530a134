using System.IO;
using System.Management.Automation;
using System.Runtime.InteropServices;
using System.Threading;

namespace KakaoPS.PowerShellAdapter
{
    /// <summary>
    /// Runs when Import-Module loads the assembly, before any command. On PowerShell 7 it loads the
    /// core compiled for this OS and CPU (<see cref="CompiledCore"/>), whose dependencies then come
    /// from the module's folder. On Windows PowerShell 5.1 the module's dependencies are resolved from
    /// its own folder (<see cref="DependencyResolver"/>). Once per process, and never taken back: the
    /// assemblies stay loaded after Remove-Module, other runspaces may still use them, and the
    /// resolver answers only for the module's own files.
    /// Public because PowerShell looks for the initializer among exported types only.
    /// Nothing here may use a type of KakaoPS.Core (see <see cref="CompiledCore"/>).
    /// </summary>
    public sealed class ModuleSetup : IModuleAssemblyInitializer
    {
        private static DependencyResolver? _resolver;

        public void OnImport()
        {
            // Loaded from bytes (Import-Module -Assembly), the module has no folder to find anything in.
            var folder = Path.GetDirectoryName(typeof(ModuleSetup).Assembly.Location);
            if (string.IsNullOrEmpty(folder))
            {
                return;
            }

            var onNetFramework = RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", System.StringComparison.Ordinal);
            if (onNetFramework || CompiledCore.TryLoad(folder))
            {
                var resolver = new DependencyResolver(folder);
                if (Interlocked.CompareExchange(ref _resolver, resolver, null) == null)
                {
                    resolver.Register();
                }
            }
        }
    }
}
