using System.Linq;
using KakaoPS.Commands.Base;
using KakaoPS.Session;

namespace KakaoPS.Tests.Design;

/// <summary>
/// The module's namespaces (its folders) use each other in one direction only:
/// Commands → Api/Login → Tokens/Memo/Templates → Http/Files → Errors/Resources. A type two
/// folders need lives in the lower one, so no folder can be understood only together with another.
/// </summary>
public sealed class NamespaceCycleTests
{
    [Fact]
    public void No_two_namespaces_of_the_module_use_each_other()
    {
        var cycles = NamespaceGraph.Of("KakaoPS", typeof(KakaoCmdlet).Assembly, typeof(KakaoSession).Assembly).Cycles();

        Assert.True(cycles.Count == 0, "Namespaces that use each other:\n" + string.Join("\n", cycles));
    }

    [Fact]
    public void The_graph_finds_a_cycle_made_through_a_method_body_alone()
    {
        var sample = typeof(NamespaceCycleTests).Assembly.GetTypes()
            .Where(t => t.Namespace?.StartsWith("KakaoPS.Tests.Design.CycleSample", System.StringComparison.Ordinal) == true);

        var cycle = Assert.Single(new NamespaceGraph(sample, "KakaoPS.Tests.Design.CycleSample").Cycles());

        Assert.Contains("CycleSample.Low -> KakaoPS.Tests.Design.CycleSample.High", cycle);
        Assert.Contains("CycleSample.High -> KakaoPS.Tests.Design.CycleSample.Low", cycle);
    }

    [Fact]
    public void The_module_uses_its_lowest_namespaces_without_their_using_anything_above()
    {
        var graph = NamespaceGraph.Of("KakaoPS", typeof(KakaoCmdlet).Assembly, typeof(KakaoSession).Assembly);

        Assert.Empty(graph.Uses("KakaoPS.Resources"));
        Assert.DoesNotContain("KakaoPS.Tokens", graph.Uses("KakaoPS.Http"));
        Assert.DoesNotContain("KakaoPS.Commands", graph.Uses("KakaoPS.Tokens"));
    }
}
