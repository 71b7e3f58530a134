using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using KakaoPS.Commands.Base;
using KakaoPS.Session;
using KakaoPS.Tests.Infrastructure;

namespace KakaoPS.Tests.Design;

/// <summary>
/// A newcomer finds a type by its name: each source file of the module holds one type, named like
/// the file, in the folder of its namespace; and no file is too long to read in one sitting.
/// </summary>
public sealed class SourceFileTests
{
    private const int MaximumLines = 400;

    /// <summary>Files that still hold the types named beside them.</summary>
    private static readonly (string File, string[] Types)[] Shared =
    {
        ("Throttling/ThrottleState.cs", new[] { "ThrottleEntry", "ThrottleDecision" }),
    };

    /// <summary>Each source file by its path under its project (both projects' folders are namespaces under KakaoPS).</summary>
    private static Dictionary<string, string> SourceFiles() => Repository.ModuleSources
        .SelectMany(source => Directory.EnumerateFiles(source, "*.cs", SearchOption.AllDirectories)
            .Select(file => (Relative: Path.GetRelativePath(source, file).Replace(Path.DirectorySeparatorChar, '/'), Full: file)))
        .Where(file => !file.Relative.StartsWith("bin/", StringComparison.Ordinal) && !file.Relative.StartsWith("obj/", StringComparison.Ordinal))
        .ToDictionary(file => file.Relative, file => file.Full, StringComparer.Ordinal);

    /// <summary>The file each top-level type of the module is expected in; the resource classes generated from .resx files have none.</summary>
    private static (Type Type, string File)[] Types() => new[] { typeof(KakaoCmdlet).Assembly, typeof(KakaoSession).Assembly }
        .SelectMany(assembly => assembly.GetTypes())
        .Where(t => !t.IsNested && t.Namespace != null && t.Namespace.StartsWith("KakaoPS", StringComparison.Ordinal)
                    && !t.IsDefined(typeof(System.CodeDom.Compiler.GeneratedCodeAttribute), false) && !t.IsDefined(typeof(CompilerGeneratedAttribute), false))
        .Select(t => (t, string.Join('/', t.Namespace!.Split('.').Skip(1)) + "/" + t.Name.Split('`')[0] + ".cs"))
        .ToArray();

    [Fact]
    public void Every_type_is_in_a_file_of_its_own_name_in_the_folder_of_its_namespace()
    {
        var files = SourceFiles();
        var misplaced = Types()
            .Where(t => !files.ContainsKey(t.File) && !Shared.Any(s => files.ContainsKey(s.File) && s.Types.Contains(t.Type.Name)))
            .Select(t => $"{t.Type.FullName} (expected in {t.File})")
            .ToArray();

        Assert.True(misplaced.Length == 0, "Types not in a file of their own name:\n" + string.Join("\n", misplaced));
    }

    [Fact]
    public void Every_file_is_named_after_the_type_it_holds()
    {
        var expected = Types().Select(t => t.File).ToHashSet(StringComparer.Ordinal);
        var unnamed = SourceFiles().Keys.Where(file => !expected.Contains(file)).Order(StringComparer.Ordinal).ToArray();

        Assert.True(unnamed.Length == 0, "Files named after no type of the module: " + string.Join(", ", unnamed));
    }

    [Fact]
    public void No_source_file_of_the_module_is_longer_than_400_lines()
    {
        var tooLong = SourceFiles()
            .Select(file => (file: file.Key, lines: File.ReadLines(file.Value).Count()))
            .Where(f => f.lines > MaximumLines)
            .Select(f => $"{f.file} ({f.lines} lines)")
            .ToArray();

        Assert.True(tooLong.Length == 0, $"Files over {MaximumLines} lines: " + string.Join(", ", tooLong));
    }
}
