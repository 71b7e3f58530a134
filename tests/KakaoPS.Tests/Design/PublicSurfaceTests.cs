using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using KakaoPS.Commands.Base;
using KakaoPS.Session;

namespace KakaoPS.Tests.Design;

/// <summary>
/// What a script can reach: the cmdlets, their base classes, the models, the error type and the
/// enums that appear in parameters. The session that holds the tokens and the rest of the core
/// are internal.
/// </summary>
public sealed class PublicSurfaceTests
{
    private static readonly string[] Expected =
    {
        "KakaoPS.Commands.Base.KakaoCmdlet",
        "KakaoPS.Commands.Base.KakaoContentTemplateCmdlet",
        "KakaoPS.Commands.Base.KakaoRequestCmdlet",
        "KakaoPS.Commands.Base.KakaoTemplateCmdlet",
        "KakaoPS.Commands.Base.KakaoTokenCmdlet",
        "KakaoPS.Commands.ConnectKakaoCommand",
        "KakaoPS.Commands.DisconnectKakaoCommand",
        "KakaoPS.Commands.GetKakaoAuthUrlCommand",
        "KakaoPS.Commands.GetKakaoContextCommand",
        "KakaoPS.Commands.GetKakaoScopeCommand",
        "KakaoPS.Commands.NewKakaoCommerceTemplateCommand",
        "KakaoPS.Commands.NewKakaoFeedTemplateCommand",
        "KakaoPS.Commands.NewKakaoListTemplateCommand",
        "KakaoPS.Commands.NewKakaoLocationTemplateCommand",
        "KakaoPS.Commands.SendKakaoMemoCommand",
        "KakaoPS.Commands.TestKakaoConnectionCommand",
        "KakaoPS.Errors.KakaoErrorKind",
        "KakaoPS.Errors.KakaoException",
        "KakaoPS.Models.KakaoAuthUrl",
        "KakaoPS.Models.KakaoButton",
        "KakaoPS.Models.KakaoCheckStatus",
        "KakaoPS.Models.KakaoConnectionCheck",
        "KakaoPS.Models.KakaoContent",
        "KakaoPS.Models.KakaoContext",
        "KakaoPS.Models.KakaoMemoResult",
        "KakaoPS.Models.KakaoScope",
        "KakaoPS.Models.KakaoTemplate",
        "KakaoPS.Models.MemoOverflow",
        "KakaoPS.Models.TokenScope",
        // PowerShell calls IModuleAssemblyInitializer and IModuleAssemblyCleanup only on exported types.
        "KakaoPS.PowerShellAdapter.ModuleCleanup",
        "KakaoPS.PowerShellAdapter.ModuleSetup",
    };

    [Fact]
    public void The_assemblies_export_only_the_public_contract()
    {
        var exported = new[] { typeof(KakaoCmdlet).Assembly, typeof(KakaoSession).Assembly }
            .SelectMany(a => a.GetExportedTypes()).Select(t => t.FullName!).Order(StringComparer.Ordinal).ToArray();

        var unexpected = exported.Except(Expected).ToArray();
        var missing = Expected.Except(exported).ToArray();
        Assert.True(unexpected.Length == 0 && missing.Length == 0,
            $"Unexpected public types: {string.Join(", ", unexpected)}; missing: {string.Join(", ", missing)}");
    }

    [Fact]
    public void Base_cmdlets_expose_no_helper_to_scripts_or_other_assemblies()
    {
        var helpers = typeof(KakaoCmdlet).Assembly.GetExportedTypes()
            .Where(t => t.Namespace == "KakaoPS.Commands.Base")
            .SelectMany(t => t.GetMembers(System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.Static |
                                          System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.DeclaredOnly)
                .Where(m => m is System.Reflection.MethodBase method ? !method.IsConstructor && method.IsFamily || method.IsFamilyOrAssembly
                          : m is System.Reflection.PropertyInfo property && (property.GetMethod?.IsFamily == true || property.GetMethod?.IsFamilyOrAssembly == true))
                .Select(m => $"{t.Name}.{m.Name}"))
            .Where(name => !name.EndsWith(".StopProcessing", StringComparison.Ordinal))
            .ToArray();

        Assert.True(helpers.Length == 0, "Protected helpers visible outside the module: " + string.Join(", ", helpers));
    }

    /// <summary>
    /// Import-Module lists the module's exported types before the module's initializer runs. If one of
    /// them needed KakaoPS.Core to load (a core interface, or a field of a core enum), .NET would bind
    /// the plain core beside the module then, and the copy compiled for this system would never be used.
    /// </summary>
    [Fact]
    public void The_cmdlets_load_without_the_core()
    {
        var context = new WithoutCore();
        try
        {
            var module = context.LoadFromAssemblyPath(typeof(KakaoCmdlet).Assembly.Location);
            var exported = module.GetExportedTypes();

            Assert.Contains(exported, t => t.Name == "SendKakaoMemoCommand");
            Assert.True(context.Asked.Count == 0, "Loading the exported types asked for: " + string.Join(", ", context.Asked));
        }
        finally
        {
            context.Unload();
        }
    }

    /// <summary>Lends the module PowerShell and .NET, and refuses KakaoPS.Core, noting who asked.</summary>
    private sealed class WithoutCore : AssemblyLoadContext
    {
        public WithoutCore()
            : base(nameof(WithoutCore), isCollectible: true)
        {
        }

        public List<string> Asked { get; } = new();

        protected override Assembly? Load(AssemblyName assemblyName)
        {
            if (assemblyName.Name == "KakaoPS.Core")
            {
                Asked.Add(assemblyName.FullName);
                throw new FileNotFoundException("Refused by the test", assemblyName.FullName);
            }

            return null;
        }
    }
}
