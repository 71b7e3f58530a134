using System.IO;
using System.Management.Automation;
using System.Runtime.InteropServices;
using System.Threading;

namespace KakaoPS.PowerShellAdapter
{
    /// <summary>
    /// Runs when Import-Module loads the assembly, before any command. KakaoPS.dll lies beside the
    /// manifest; KakaoPS.Core and the other dependencies lie in the folder of the running edition
    /// (<see cref="DependencyFolder"/>), which <see cref="DependencyResolver"/> answers from. On
    /// PowerShell 7 the core compiled for this OS and CPU is loaded first when there is one
    /// (<see cref="CompiledCore"/>). Once per process, and never taken back: the assemblies stay
    /// loaded after Remove-Module, other runspaces may still use them, and the resolver answers only
    /// for the module's own files.
    /// Public because PowerShell looks for the initializer among exported types only.
    /// Nothing here may use a type of KakaoPS.Core (see <see cref="CompiledCore"/>).
    /// </summary>
    public sealed class ModuleSetup : IModuleAssemblyInitializer
    {
        private static DependencyResolver? _resolver;

        /// <summary>The folder, under the module's, that holds the core and the dependencies for the running edition.</summary>
        internal static string DependencyFolder(bool onNetFramework) => onNetFramework ? "Desktop" : "Core";

        public void OnImport()
        {
            // Loaded from bytes (Import-Module -Assembly), the module has no folder to find anything in.
            var module = Path.GetDirectoryName(typeof(ModuleSetup).Assembly.Location);
            if (string.IsNullOrEmpty(module))
            {
                return;
            }

            var onNetFramework = RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", System.StringComparison.Ordinal);
            var folder = Path.Combine(module, DependencyFolder(onNetFramework));
            if (!Directory.Exists(folder))
            {
                // KakaoPS.dll beside its dependencies (a build's output folder): .NET finds them there.
                return;
            }

            var resolver = new DependencyResolver(folder);
            if (Interlocked.CompareExchange(ref _resolver, resolver, null) == null)
            {
                resolver.Register();
                if (!onNetFramework)
                {
                    CompiledCore.TryLoad(folder);
                }
            }
        }
    }
}
