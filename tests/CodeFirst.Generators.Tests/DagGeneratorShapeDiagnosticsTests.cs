using CodeFirst.Generators.Tests.TestHelpers;

namespace CodeFirst.Generators.Tests;

/// <summary>Diagnostics about the shape of classes and methods: CF0001, CF0011, CF0014, CF0015.</summary>
public sealed class DagGeneratorShapeDiagnosticsTests
{
    private static MarkedSource Dag(string task) => MarkedSource.Parse($$"""
        using CodeFirst;
        namespace Shapes;
        [Dag("shapes")]
        public sealed partial class ShapesDag
        {
            {{task}}
        }
        """);

    [Fact]
    public void Class_NotPartial_ReportsCF0001AtIdentifier()
    {
        var source = MarkedSource.Parse("""
            using CodeFirst;
            [Dag("not_partial")]
            public sealed class [|NotPartialDag|]
            {
                [Task] public void Run() { }
            }
            """);

        var output = GeneratorHarness.Run(source.Source);

        DiagnosticAssert.Single(output, "CF0001", source, ["'NotPartialDag' must be declared partial", "Add the 'partial' modifier"]);
        Assert.Empty(output.Sources);
    }

    [Fact]
    public void ContainingClass_NotPartial_ReportsCF0001AtContainingIdentifier()
    {
        var source = MarkedSource.Parse("""
            using CodeFirst;
            public static class [|Outer|]
            {
                [Dag("inner")]
                public sealed partial class Inner { [Task] public void Run() { } }
            }
            """);

        DiagnosticAssert.Single(GeneratorHarness.Run(source.Source), "CF0001", source, ["'Outer' must be declared partial"]);
    }

    [Fact]
    public void Method_Generic_ReportsCF0011()
    {
        var source = Dag("[Task] public void [|Run|]<T>() { }");

        DiagnosticAssert.Single(GeneratorHarness.Run(source.Source), "CF0011", source, ["'Run'", "generic"]);
    }

    [Fact]
    public void Parameter_Ref_ReportsCF0011AtParameter()
    {
        var source = Dag("[Task] public void Run([|ref int value|]) { }");

        DiagnosticAssert.Single(GeneratorHarness.Run(source.Source), "CF0011", source, ["Parameter 'value' is passed by reference"]);
    }

    [Fact]
    public void Method_AsyncVoid_ReportsCF0011()
    {
        var source = Dag("[Task] public async void [|Run|]() => await Task.Yield();");

        DiagnosticAssert.Single(GeneratorHarness.Run(source.Source), "CF0011", source, ["'async void'"]);
    }

    [Fact]
    public void Method_ReturnsSpan_ReportsCF0011()
    {
        var source = Dag("[Task] public Span<int> [|Run|]() => default;");

        DiagnosticAssert.Single(GeneratorHarness.Run(source.Source), "CF0011", source, ["return type 'System.Span<int>'"]);
    }

    [Fact]
    public void Class_Generic_ReportsCF0014()
    {
        var source = MarkedSource.Parse("""
            using CodeFirst;
            [Dag("generic")]
            public sealed partial class [|GenericDag|]<T>
            {
                [Task] public void Run() { }
            }
            """);

        DiagnosticAssert.Single(GeneratorHarness.Run(source.Source), "CF0014", source, ["'GenericDag'", "cannot be generic"]);
    }

    [Fact]
    public void Class_PrivateNested_ReportsCF0014()
    {
        var source = MarkedSource.Parse("""
            using CodeFirst;
            public partial class Host
            {
                [Dag("private")]
                private sealed partial class [|Hidden|] { [Task] public void Run() { } }
            }
            """);

        DiagnosticAssert.Single(GeneratorHarness.Run(source.Source), "CF0014", source, ["'Hidden' is private"]);
    }

    [Fact]
    public void Task_InClassWithoutDag_ReportsCF0015()
    {
        var source = MarkedSource.Parse("""
            using CodeFirst;
            public class Plain
            {
                [Task] public void [|Run|]() { }
            }
            """);

        DiagnosticAssert.Single(GeneratorHarness.Run(source.Source), "CF0015", source, ["'Run'", "'Plain' has no [Dag]"]);
    }
}
