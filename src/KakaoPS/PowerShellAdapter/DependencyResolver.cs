using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;

namespace KakaoPS.PowerShellAdapter
{
    /// <summary>
    /// Finds KakaoPS.Core and its dependencies in the edition's folder under the module's (Core/ or
    /// Desktop/): KakaoPS.dll lies above them, where .NET does not look. On .NET Framework (Windows
    /// PowerShell 5.1) it also bridges versions: the DLLs were built against each other at different
    /// versions (System.Memory asks for System.Runtime.CompilerServices.Unsafe 4.0.4.1, the folder has
    /// 6.0.0.0), .NET Framework does not unify such versions and powershell.exe has no binding
    /// redirects for a module, so without this the first JSON read fails with FileLoadException. It
    /// answers only for the assembly names in its own folder, at the shipped version or lower: any
    /// other request is left to .NET, as if the handler were not there.
    /// </summary>
    internal sealed class DependencyResolver
    {
        private readonly Lazy<Dictionary<string, AssemblyName>> _shipped;

        public DependencyResolver(string folder)
        {
            _shipped = new Lazy<Dictionary<string, AssemblyName>>(() => ReadShipped(folder));
        }

        /// <summary>The shipped file that satisfies <paramref name="requested"/>, or null.</summary>
        public string? PathFor(AssemblyName requested)
        {
            // Satellites are .NET's to find; asked for one, the folder is not even read.
            if (requested.Name == null || !string.IsNullOrEmpty(requested.CultureName) || !_shipped.Value.TryGetValue(requested.Name, out var shipped))
            {
                return null;
            }

            var notNewer = requested.Version == null || requested.Version <= shipped.Version;
            var token = requested.GetPublicKeyToken();
            var sameSigner = token == null || token.Length == 0 || token.SequenceEqual(shipped.GetPublicKeyToken() ?? Array.Empty<byte>());
            return notNewer && sameSigner ? new Uri(shipped.CodeBase!).LocalPath : null;
        }

        public void Register() => AppDomain.CurrentDomain.AssemblyResolve += Resolve;

        private Assembly? Resolve(object? sender, ResolveEventArgs args)
        {
            var path = PathFor(new AssemblyName(args.Name));
            return path == null ? null : Assembly.LoadFrom(path);
        }

        /// <summary>
        /// Each DLL's identity by simple name; its CodeBase is where it lies. A folder that is gone or cannot be
        /// read answers nothing: the handler runs inside .NET's own loading, where an exception ends the process.
        /// </summary>
        private static Dictionary<string, AssemblyName> ReadShipped(string folder)
        {
            var shipped = new Dictionary<string, AssemblyName>(StringComparer.OrdinalIgnoreCase);
            string[] files;
            try
            {
                files = Directory.GetFiles(folder, "*.dll");
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                return shipped;
            }

            foreach (var file in files)
            {
                try
                {
                    var name = AssemblyName.GetAssemblyName(file);
                    name.CodeBase = new Uri(file).AbsoluteUri;
                    shipped[name.Name!] = name;
                }
                catch (Exception e) when (e is BadImageFormatException || e is IOException || e is UnauthorizedAccessException)
                {
                    // Not an assembly, or not readable: nothing to answer for.
                }
            }

            return shipped;
        }
    }
}
