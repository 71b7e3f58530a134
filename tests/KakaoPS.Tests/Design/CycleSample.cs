// Two namespaces that use each other, for NamespaceCycleTests to prove it sees a cycle: the
// arrow back is only a call inside a method body, which a look at signatures would miss.
namespace KakaoPS.Tests.Design.CycleSample.High
{
    internal static class Caller
    {
        public static int Call() => Low.Callee.Value();
    }
}

namespace KakaoPS.Tests.Design.CycleSample.Low
{
    internal static class Callee
    {
        public static int Value() => 1;

        public static int Back() => High.Caller.Call() + 1;
    }
}
