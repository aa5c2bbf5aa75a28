using CodeFirst.Generators.Tests.TestHelpers;

namespace CodeFirst.Generators.Tests;

public sealed class DagGeneratorSnapshotTests
{
    [Fact]
    public void Generate_OrdersEtl_MatchesSnapshot()
    {
        var output = GeneratorHarness.Run(TestSources.OrdersEtl).AssertCompilesCleanly();

        Snapshot.Match(output.Source("Sample.OrdersEtl.g.cs"), "OrdersEtl.g.cs");
    }

    [Fact]
    public void Generate_NestedClassWithEveryFeature_MatchesSnapshot()
    {
        var output = GeneratorHarness.Run(TestSources.Features).AssertCompilesCleanly();

        Snapshot.Match(output.Source("Sample.Nested.Pipelines.FeatureDag.g.cs"), "FeatureDag.g.cs");
    }

    [Fact]
    public void Generate_TwoDags_RegistryListsBothOrdinallyByDagId()
    {
        var output = GeneratorHarness.Run(TestSources.OrdersEtl, TestSources.Features).AssertCompilesCleanly();

        Snapshot.Match(output.Source("CodeFirst.Generated.GeneratedDagRegistry.g.cs"), "GeneratedDagRegistry.g.cs");
    }

    [Fact]
    public void Generate_DagInGlobalNamespace_UsesClassNameAsHintName()
    {
        const string source = """
            using CodeFirst;
            [Dag("global_dag")]
            public partial class GlobalDag
            {
                [Task] public static int Answer() => 42;
            }
            """;

        var output = GeneratorHarness.Run(source).AssertCompilesCleanly();

        var generated = output.Source("GlobalDag.g.cs");
        Assert.DoesNotContain("namespace", generated, StringComparison.Ordinal);
        Assert.Contains("var result = global::GlobalDag.Answer();", generated, StringComparison.Ordinal);
    }

    [Fact]
    public void Generate_NoDags_EmitsNothing()
    {
        var output = GeneratorHarness.Run("namespace Empty; public class Plain { }").AssertCompilesCleanly();

        Assert.Empty(output.Sources);
    }

    [Fact]
    public void Generate_SameInputTwice_IsByteIdentical()
    {
        var first = GeneratorHarness.Run(TestSources.OrdersEtl, TestSources.Features).Sources;
        var second = GeneratorHarness.Run(TestSources.OrdersEtl, TestSources.Features).Sources;

        Assert.Equal(first, second);
    }
}
