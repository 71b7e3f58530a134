using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using KakaoPS.PowerShellAdapter;
using KakaoPS.Tests.Infrastructure;

namespace KakaoPS.Tests.Module;

/// <summary>
/// Windows PowerShell 5.1 runs on .NET Framework, which binds an assembly reference only to its
/// exact version (no unification for assemblies outside the framework, no binding redirects for a
/// module). Every reference in Desktop/ must therefore be the shipped version, a lower version the
/// module's resolver answers, or an assembly .NET Framework 4.7.2 brings itself; KakaoPS.dll, above
/// the folder where .NET does not look, finds all of its own through the resolver.
/// </summary>
public sealed class DesktopBindingTests
{
    private static string Desktop => Path.Combine(PackagedModule.Folder, "Desktop");

    [Fact]
    public void Every_reference_in_Desktop_is_shipped_answered_by_the_resolver_or_part_of_NET_Framework()
    {
        var shipped = Shipped();
        var framework = FrameworkAssemblies();
        var resolver = new DependencyResolver(Desktop);
        var unbound = new List<string>();
        var answered = 0;

        foreach (var (file, name) in References())
        {
            if (shipped.TryGetValue(name.Name!, out var version))
            {
                if (name.Version == version && file != "KakaoPS.dll")
                {
                    continue;
                }

                var path = resolver.PathFor(name);
                if (path != null && string.Equals(Path.GetFileNameWithoutExtension(path), name.Name, StringComparison.OrdinalIgnoreCase))
                {
                    answered++;
                    continue;
                }
            }
            else if (framework.TryGetValue(name.Name!, out var inbox) && name.Version <= inbox)
            {
                continue;   // .NET Framework unifies its own assemblies to the version it has.
            }

            unbound.Add($"{file} -> {name.FullName}");
        }

        Assert.True(unbound.Count == 0, "Windows PowerShell 5.1 could not bind:\n" + string.Join("\n", unbound));
        Assert.True(answered > 0, "no reference needed the resolver: the test read nothing it could check");
    }

    [Fact]
    public void Desktop_ships_nothing_that_NET_Framework_loads_in_its_place()
    {
        // .NET Framework looks in the GAC first: a shipped copy of one of its own assemblies at the
        // same or a lower version is never used, and an older netstandard1.x copy only confuses.
        var framework = FrameworkAssemblies();
        var shadowed = Shipped().Where(s => framework.TryGetValue(s.Key, out var inbox) && s.Value <= inbox).Select(s => s.Key).ToList();
        Assert.Empty(shadowed);
    }

    [Fact]
    public void Nothing_in_Desktop_is_built_for_NET_Core()
    {
        foreach (var file in Directory.GetFiles(Desktop, "*.dll", SearchOption.AllDirectories))
        {
            using var image = new PEReader(File.OpenRead(file));
            var metadata = image.GetMetadataReader();
            var target = metadata.GetAssemblyDefinition().GetCustomAttributes()
                .Select(h => metadata.GetCustomAttribute(h))
                .Where(a => AttributeName(metadata, a) == "TargetFrameworkAttribute")
                .Select(a => System.Text.Encoding.UTF8.GetString(metadata.GetBlobBytes(a.Value)))
                .FirstOrDefault() ?? "";
            Assert.DoesNotContain(".NETCoreApp", target);
        }
    }

    [Fact]
    public void The_resolver_answers_a_lower_version_of_a_shipped_assembly_with_the_shipped_file_and_nothing_else()
    {
        var resolver = new DependencyResolver(Desktop);
        var unsafeName = AssemblyName.GetAssemblyName(Path.Combine(Desktop, "System.Runtime.CompilerServices.Unsafe.dll"));

        AssemblyName Asked(string name, Version version, byte[]? token = null, string? culture = null)
        {
            var asked = new AssemblyName(name) { Version = version, CultureName = culture };
            asked.SetPublicKeyToken(token ?? unsafeName.GetPublicKeyToken());
            return asked;
        }

        Assert.Equal(Path.Combine(Desktop, "System.Runtime.CompilerServices.Unsafe.dll"), resolver.PathFor(Asked(unsafeName.Name!, new Version(4, 0, 4, 1))));
        Assert.Equal(Path.Combine(Desktop, "System.Runtime.CompilerServices.Unsafe.dll"), resolver.PathFor(Asked(unsafeName.Name!, unsafeName.Version!)));
        Assert.Null(resolver.PathFor(Asked(unsafeName.Name!, new Version(99, 0, 0, 0))));                 // newer than shipped
        Assert.Null(resolver.PathFor(Asked("System.Not.Shipped", new Version(1, 0, 0, 0))));              // not ours
        Assert.Null(resolver.PathFor(Asked(unsafeName.Name!, new Version(4, 0, 0, 0), new byte[8])));      // another signer
        Assert.Null(resolver.PathFor(Asked("KakaoPS.Core.resources", new Version(0, 0), Array.Empty<byte>(), "ko-KR"))); // satellites are .NET's
    }

    [Fact]
    public void The_resolver_of_a_folder_that_is_gone_answers_nothing_and_never_throws()
    {
        // It runs inside .NET's own loading (a satellite looked up for an error message), where an exception ends the process.
        var resolver = new DependencyResolver(Path.Combine(PackagedModule.Folder, "no-such-folder"));
        Assert.Null(resolver.PathFor(new AssemblyName("KakaoPS.Core") { Version = new Version(0, 4, 2, 0) }));
        Assert.Null(resolver.PathFor(new AssemblyName("System.Management.Automation.resources") { CultureName = "ko-KR" }));
    }

    private static Dictionary<string, Version> Shipped() =>
        Directory.GetFiles(Desktop, "*.dll").Select(AssemblyName.GetAssemblyName).ToDictionary(n => n.Name!, n => n.Version!, StringComparer.OrdinalIgnoreCase);

    private static IEnumerable<(string File, AssemblyName Name)> References()
    {
        foreach (var file in Directory.GetFiles(Desktop, "*.dll").Append(Path.Combine(PackagedModule.Folder, "KakaoPS.dll")))
        {
            using var image = new PEReader(File.OpenRead(file));
            var metadata = image.GetMetadataReader();
            var names = metadata.AssemblyReferences.Select(h => metadata.GetAssemblyReference(h).GetAssemblyName()).ToList();
            foreach (var name in names)
            {
                yield return (Path.GetFileName(file), name);
            }
        }
    }

    /// <summary>
    /// Every assembly of .NET Framework 4.7.2 with its version, from Microsoft's reference assemblies,
    /// and PowerShell's own, which powershell.exe has loaded before any module.
    /// </summary>
    private static Dictionary<string, Version> FrameworkAssemblies()
    {
        var root = Path.Combine(PackagedModule.NuGetPackageRoot, "microsoft.netframework.referenceassemblies.net472", "1.0.3", "build", ".NETFramework", "v4.7.2");
        Assert.True(Directory.Exists(root), $"{root} is missing: restore tests/KakaoPS.Tests");
        return Directory.GetFiles(root, "*.dll").Concat(Directory.GetFiles(Path.Combine(root, "Facades"), "*.dll"))
            .Select(NameOrNull)
            .OfType<AssemblyName>()
            .GroupBy(n => n.Name!, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.Max(n => n.Version)!, StringComparer.OrdinalIgnoreCase)
            .Append(new KeyValuePair<string, Version>("System.Management.Automation", new Version(3, 0, 0, 0)))
            .ToDictionary(StringComparer.OrdinalIgnoreCase);
    }

    private static AssemblyName? NameOrNull(string file)
    {
        try
        {
            return AssemblyName.GetAssemblyName(file);
        }
        catch (BadImageFormatException)
        {
            return null;   // a native helper among the reference assemblies
        }
    }

    private static string AttributeName(MetadataReader metadata, CustomAttribute attribute) =>
        attribute.Constructor.Kind == HandleKind.MemberReference
            && metadata.GetMemberReference((MemberReferenceHandle)attribute.Constructor).Parent is { Kind: HandleKind.TypeReference } parent
            ? metadata.GetString(metadata.GetTypeReference((TypeReferenceHandle)parent).Name)
            : "";
}
