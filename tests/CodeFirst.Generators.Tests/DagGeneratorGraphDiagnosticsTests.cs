using CodeFirst.Generators.Tests.TestHelpers;

namespace CodeFirst.Generators.Tests;

/// <summary>Diagnostics about edges between tasks: CF0002-CF0006.</summary>
public sealed class DagGeneratorGraphDiagnosticsTests
{
    private static GeneratorOutput Run(MarkedSource source) => GeneratorHarness.Run(source.Source);

    private static MarkedSource Dag(string body) => MarkedSource.Parse($$"""
        using CodeFirst;
        namespace Graph;
        [Dag("graph")]
        public sealed partial class GraphDag
        {
        {{body}}
        }
        """);

    [Fact]
    public void After_UnknownTask_ReportsCF0002AtTheEntryWithKnownIds()
    {
        var source = Dag("""
                [Task] public void Extract() { }
                [Task(After = [nameof(Extract), [|"Missing"|]])] public void Load() { }
            """);

        var output = Run(source);

        DiagnosticAssert.Single(output, "CF0002", source, ["Task 'load'", "'Missing'", "Known task ids: extract, load"]);
        Assert.False(output.Sources.ContainsKey("Graph.GraphDag.g.cs"));
    }

    [Fact]
    public void FromTask_UnknownTask_ReportsCF0002AtTheAttributeArgument()
    {
        var source = Dag("""
                [Task] public int Extract() => 1;
                [Task] public void Load([FromTask([|"Nope"|])] int value) { }
            """);

        DiagnosticAssert.Single(Run(source), "CF0002", source, ["'Nope'", "extract, load"]);
    }

    [Fact]
    public void After_ThreeTaskLoop_ReportsCF0003WithPathAtFirstTask()
    {
        var source = Dag("""
                [Task(After = [nameof(C)])] public void [|A|]() { }
                [Task(After = [nameof(A)])] public void B() { }
                [Task(After = [nameof(B)])] public void C() { }
            """);

        var output = Run(source);

        DiagnosticAssert.Single(output, "CF0003", source, ["a -> b -> c -> a"]);
        Assert.Empty(output.Sources);
    }

    [Fact]
    public void Parameter_NamedAfterOwnTask_ReportsCF0003SelfLoop()
    {
        var source = Dag("""
                [Task] public int [|Count|](int count) => count;
            """);

        DiagnosticAssert.Single(Run(source), "CF0003", source, ["count -> count"]);
    }

    [Fact]
    public void Parameter_TypeNotAssignableFromUpstream_ReportsCF0004AtParameter()
    {
        var source = Dag("""
                [Task] public int Extract() => 1;
                [Task] public void Load([|string extract|]) { }
            """);

        DiagnosticAssert.Single(Run(source), "CF0004", source, ["Parameter 'extract'", "'string'", "task 'extract'", "'int'"]);
    }

    [Fact]
    public void Parameter_AssignableBaseType_CompilesCleanly()
    {
        var source = Dag("""
                [Task] public List<int> Extract() => [1];
                [Task] public void Load(IEnumerable<int> extract, [FromTask("extract")] object boxed, long widened = 0) { }
                [Task] public int Count() => 1;
                [Task] public void Sum(long count) { }
            """);

        GeneratorHarness.Run(source.Source).AssertCompilesCleanly();
    }

    [Fact]
    public void Parameter_UpstreamReturnsTask_ReportsCF0005AtParameter()
    {
        var source = Dag("""
                [Task] public Task Extract() => Task.CompletedTask;
                [Task] public void Load([|int extract|]) { }
            """);

        DiagnosticAssert.Single(Run(source), "CF0005", source, ["Parameter 'extract'", "task 'extract'", "returns nothing (Task)"]);
    }

    [Fact]
    public void Method_SameIdAsEarlierTask_ReportsCF0006AtSecondMethod()
    {
        var source = Dag("""
                [Task] public void LoadData() { }
                [Task(Id = "load_data")] public void [|Other|]() { }
            """);

        var output = Run(source);

        DiagnosticAssert.Single(output, "CF0006", source, ["'load_data'", "method 'Other'", "method 'LoadData'"]);
        Assert.Empty(output.Sources);
    }
}
