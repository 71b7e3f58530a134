using System;
using System.IO;
using System.Reflection;
using System.Runtime.InteropServices;

namespace KakaoPS.PowerShellAdapter
{
    /// <summary>
    /// PowerShell 7 runs the module's core from a copy compiled ahead of time (ReadyToRun) for its OS
    /// and CPU, Core/&lt;runtime&gt;/KakaoPS.Core.dll, so that a one-shot CI step does not spend its
    /// first send in the JIT. Such an image loads only where it was compiled for, so it is loaded
    /// by path before anything binds KakaoPS.Core by name; binding by name then finds it already
    /// loaded. Without a copy for this system, or when it cannot be loaded, the plain Core/KakaoPS.Core.dll
    /// is bound (<see cref="DependencyResolver"/>): the same code, compiled as it runs.
    /// Nothing here may use a type of KakaoPS.Core: that would bind the plain copy first.
    /// </summary>
    internal static class CompiledCore
    {
        public const string AssemblyName = "KakaoPS.Core";

        /// <summary>The folder name of this process's OS and CPU (a .NET runtime identifier), or null for one the module ships no image for.</summary>
        public static string? RuntimeFolder(bool isWindows, bool isLinux, bool isMacOS, Architecture cpu)
        {
            var os = isWindows ? "win" : isLinux ? "linux" : isMacOS ? "osx" : null;
            var arch = cpu switch
            {
                Architecture.X64 => "x64",
                Architecture.Arm64 => "arm64",
                Architecture.X86 => "x86",
                _ => null,
            };
            return os == null || arch == null ? null : os + "-" + arch;
        }

        /// <summary>The compiled image's path for this process, or null when there is none.</summary>
        public static string? PathIn(string coreFolder)
        {
            var runtime = RuntimeFolder(
                RuntimeInformation.IsOSPlatform(OSPlatform.Windows),
                RuntimeInformation.IsOSPlatform(OSPlatform.Linux),
                RuntimeInformation.IsOSPlatform(OSPlatform.OSX),
                RuntimeInformation.ProcessArchitecture);
            var path = runtime == null ? null : Path.Combine(coreFolder, runtime, AssemblyName + ".dll");
            return path != null && File.Exists(path) ? path : null;
        }

        /// <summary>Loads the compiled image when there is one and the core is not loaded yet.</summary>
        public static void TryLoad(string coreFolder)
        {
            var path = PathIn(coreFolder);
            if (path == null || IsLoaded())
            {
                return;
            }

            // .NET remembers an image it refused under the assembly's name, and would then refuse the
            // plain one too: an image for another system (a copied folder) is not even tried.
            if (PeMachine(path) != NativeMachine(RuntimeInformation.ProcessArchitecture))
            {
                return;
            }

            try
            {
                // A copy left by another version of the module (a folder copied over an older one) would
                // stand in for the version KakaoPS.dll was built against, which .NET then refuses to bind.
                if (IsTheCoreOf(System.Reflection.AssemblyName.GetAssemblyName(path), typeof(CompiledCore).Assembly))
                {
                    Assembly.LoadFrom(path);
                }
            }
            catch (Exception e) when (e is BadImageFormatException || e is IOException || e is UnauthorizedAccessException)
            {
                // A damaged or unreadable image: the plain assembly does the same work.
            }
        }

        /// <summary>True when <paramref name="image"/> is the KakaoPS.Core, at the version, that <paramref name="module"/> was built against.</summary>
        public static bool IsTheCoreOf(System.Reflection.AssemblyName image, Assembly module)
        {
            // Loops rather than LINQ: this runs at every import, where each lambda is one more method to compile.
            foreach (var expected in module.GetReferencedAssemblies())
            {
                if (expected.Name == AssemblyName)
                {
                    return image.Name == AssemblyName && image.Version == expected.Version;
                }
            }

            return false;
        }

        private static bool IsLoaded()
        {
            foreach (var assembly in AppDomain.CurrentDomain.GetAssemblies())
            {
                if (assembly.GetName().Name == AssemblyName)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The PE machine .NET writes into an image compiled for this OS and <paramref name="cpu"/>.</summary>
        public static int? NativeMachine(Architecture cpu)
        {
            int? machine = cpu switch
            {
                Architecture.X64 => 0x8664,
                Architecture.Arm64 => 0xAA64,
                Architecture.X86 => 0x014C,
                _ => null,
            };
            var osOverride = RuntimeInformation.IsOSPlatform(OSPlatform.Linux) ? 0x7B79 : RuntimeInformation.IsOSPlatform(OSPlatform.OSX) ? 0x4644 : 0;
            return machine ^ osOverride;
        }

        /// <summary>The machine field of a PE file's COFF header, or null when the file is not a PE image.</summary>
        public static int? PeMachine(string path)
        {
            try
            {
                using var reader = new BinaryReader(File.OpenRead(path));
                if (reader.BaseStream.Length < 0x40 || reader.ReadUInt16() != 0x5A4D)
                {
                    return null;
                }

                reader.BaseStream.Position = 0x3C;
                var peHeader = reader.ReadInt32();
                if (peHeader < 0x40 || peHeader > reader.BaseStream.Length - 6)
                {
                    return null;
                }

                reader.BaseStream.Position = peHeader;
                return reader.ReadUInt32() == 0x00004550 ? reader.ReadUInt16() : (int?)null;
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                return null;
            }
        }
    }
}
