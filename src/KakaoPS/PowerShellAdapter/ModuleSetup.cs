using System.IO;
using System.Management.Automation;
using KakaoPS.Http;

namespace KakaoPS.PowerShellAdapter
{
    /// <summary>
    /// Runs when Import-Module loads the assembly, before any command: on Windows PowerShell 5.1 the
    /// module's dependencies are resolved from its own folder from here on (<see cref="DependencyResolver"/>).
    /// Public because PowerShell looks for the initializer among exported types only.
    /// </summary>
    public sealed class ModuleSetup : IModuleAssemblyInitializer
    {
        private static DependencyResolver? _resolver;

        public void OnImport()
        {
            if (!KakaoHttpHandler.OnNetFramework || _resolver != null)
            {
                return;
            }

            _resolver = new DependencyResolver(Path.GetDirectoryName(typeof(ModuleSetup).Assembly.Location)!);
            _resolver.Register();
        }

        /// <summary>Called by <see cref="ModuleCleanup"/> when the module is removed.</summary>
        internal static void Remove()
        {
            _resolver?.Unregister();
            _resolver = null;
        }
    }
}
