using CodeFirst.CodeFixes;

namespace CodeFirst.Generators.Tests.Fixes;

public sealed class CodeFixTests
{
    [Fact]
    public async Task MakePartial_NestedDagClass_AddsPartialToItAndToItsContainer()
    {
        const string source = """
            namespace Shop;

            public static class Pipelines
            {
                [Dag("orders")]
                internal sealed class Orders
                {
                    [Task] public int Extract() => 1;
                }
            }
            """;

        var fixedSource = await CodeFixHarness.ApplyAsync(source, new MakePartialCodeFix(), "CF0001", "Make the class partial");

        Assert.Equal("""
            namespace Shop;

            public static partial class Pipelines
            {
                [Dag("orders")]
                internal sealed partial class Orders
                {
                    [Task] public int Extract() => 1;
                }
            }
            """, fixedSource);
    }

    [Fact]
    public async Task MakePartial_ClassWithoutModifiers_PutsPartialWhereTheKeywordWas()
    {
        const string source = """
            [Dag("orders")]
            class Orders
            {
                [Task] public int Extract() => 1;
            }
            """;

        var fixedSource = await CodeFixHarness.ApplyAsync(source, new MakePartialCodeFix(), "CF0001", "Make the class partial");

        Assert.Equal("""
            [Dag("orders")]
            partial class Orders
            {
                [Task] public int Extract() => 1;
            }
            """, fixedSource);
    }

    [Fact]
    public async Task UseNameof_MistypedAfterEntry_PointsAtTheCloseTask()
    {
        const string source = """
            [Dag("orders")]
            public sealed partial class Orders
            {
                [Task] public void ExtractOrders() { }
                [Task(After = ["extract_ordrs"])] public void Load() { }
            }
            """;

        var fixedSource = await CodeFixHarness.ApplyAsync(source, new UseNameofCodeFix(), "CF0002", "Use nameof(ExtractOrders)");

        Assert.Contains("[Task(After = [nameof(ExtractOrders)])] public void Load() { }", fixedSource, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UseNameof_MistypedFromTask_PointsAtTheCloseTask()
    {
        const string source = """
            [Dag("orders")]
            public sealed partial class Orders
            {
                [Task] public int Extract() => 1;
                [Task] public int Load([FromTask("Extarct")] int rows) => rows;
            }
            """;

        var fixedSource = await CodeFixHarness.ApplyAsync(source, new UseNameofCodeFix(), "CF0002", "Use nameof(Extract)");

        Assert.Contains("public int Load([FromTask(nameof(Extract))] int rows) => rows;", fixedSource, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UseNameof_NothingClose_OffersNoFix()
    {
        const string source = """
            [Dag("orders")]
            public sealed partial class Orders
            {
                [Task] public int Extract() => 1;
                [Task(After = ["publish_report"])] public void Load() { }
            }
            """;

        Assert.Empty(await CodeFixHarness.TitlesAsync(source, new UseNameofCodeFix(), "CF0002"));
    }

    [Fact]
    public async Task RenameParameter_Typo_RenamesItAndEveryUse()
    {
        const string source = """
            [Dag("orders")]
            public sealed partial class Orders
            {
                [Task] public int[] Extract() => [1, 2];
                [Task] public int Transform(int[] extrct) => extrct.Length + extrct[0];
            }
            """;

        var fixedSource = await CodeFixHarness.ApplyAsync(source, new ParameterBindingCodeFix(), "CF0090", "Rename to 'extract'");

        Assert.Contains("[Task] public int Transform(int[] extract) => extract.Length + extract[0];", fixedSource, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddFromTask_Typo_KeepsTheNameAndBindsTheTask()
    {
        const string source = """
            [Dag("orders")]
            public sealed partial class Orders
            {
                [Task] public int[] Extract() => [1, 2];
                [Task] public int Transform(int[] extrct) => extrct.Length;
            }
            """;

        var fixedSource = await CodeFixHarness.ApplyAsync(source, new ParameterBindingCodeFix(), "CF0090", "Add [FromTask(nameof(Extract))]");

        Assert.Contains("[Task] public int Transform([FromTask(nameof(Extract))] int[] extrct) => extrct.Length;", fixedSource, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ParameterOfAnUpstreamsType_OffersOnlyFromTask()
    {
        const string source = """
            public sealed record Batch(int Count);

            [Dag("orders")]
            public sealed partial class Orders
            {
                [Task] public Task<Batch> ReadBatchAsync() => Task.FromResult(new Batch(3));
                [Task] public int Load(CancellationToken cancellationToken, Batch rows) => rows.Count;
            }
            """;

        Assert.Equal(["Add [FromTask(nameof(ReadBatchAsync))]"], await CodeFixHarness.TitlesAsync(source, new ParameterBindingCodeFix(), "CF0090"));
        var fixedSource = await CodeFixHarness.ApplyAsync(source, new ParameterBindingCodeFix(), "CF0090", "Add [FromTask(nameof(ReadBatchAsync))]");
        Assert.Contains("public int Load(CancellationToken cancellationToken, [FromTask(nameof(ReadBatchAsync))] Batch rows) => rows.Count;", fixedSource, StringComparison.Ordinal);
    }
}
