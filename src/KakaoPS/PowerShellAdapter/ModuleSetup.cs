using System.IO;
using System.Management.Automation;
using System.Runtime.InteropServices;

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
        private static readonly object Gate = new object();
        private static bool _done;

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

            // The compiled core is loaded before the resolver is there to hand out the plain one: .NET may bind
            // KakaoPS.Core on a thread of its own (compiling in the background) at any moment; with the resolver
            // first, 5 of 52 imports under load got the plain core. Runspaces importing at once wait here, so
            // none runs a command before the core is chosen and the resolver is in place.
            lock (Gate)
            {
                if (_done)
                {
                    return;
                }

                if (!onNetFramework)
                {
                    CompiledCore.TryLoad(folder);
                }

                new DependencyResolver(folder).Register();
                _done = true;
            }
        }
    }
}
