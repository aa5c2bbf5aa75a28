using CodeFirst.Generators.Tests.TestHelpers;
using Microsoft.CodeAnalysis;

namespace CodeFirst.Generators.Tests;

/// <summary>How parameters become XCom edges, injected values or services.</summary>
public sealed class DagGeneratorBindingTests
{
    private static string Generate(string body)
    {
        var source = $$"""
            using CodeFirst;
            using Microsoft.Extensions.Logging;
            namespace Binding;
            public interface IRepo { }
            [Dag("binding")]
            public sealed partial class BindingDag
            {
            {{body}}
            }
            """;
        return GeneratorHarness.Run(source).AssertCompilesCleanly().Source("Binding.BindingDag.g.cs");
    }

    [Fact]
    public void Parameter_NamedLikeMethodInOtherCase_BindsToThatTask()
    {
        var generated = Generate("""
                [Task] public int LoadToDb() => 1;
                [Task] public void Report(int loadToDb) { }
            """);

        Assert.Contains("dag.Report(invocation.GetInput<int>(\"load_to_db\"))", generated, StringComparison.Ordinal);
    }

    [Fact]
    public void Parameter_NamedLikeTaskId_BindsToThatTask()
    {
        var generated = Generate("""
                [Task(Id = "rows")] public int Count() => 1;
                [Task] public void Report(int ROWS) { }
            """);

        Assert.Contains("dag.Report(invocation.GetInput<int>(\"rows\"))", generated, StringComparison.Ordinal);
    }

    [Fact]
    public void Parameter_MatchingNoTask_ComesFromDi()
    {
        var generated = Generate("""
                [Task] public void Report(IRepo repo, IRepo? maybe, ILogger log, CancellationToken token) { }
            """);

        Assert.Contains(
            "dag.Report(invocation.GetRequiredService<global::Binding.IRepo>(\"repo\"), invocation.Services.GetService(typeof(global::Binding.IRepo)) as global::Binding.IRepo, invocation.Logger, invocation.CancellationToken)",
            generated,
            StringComparison.Ordinal);
    }

    [Fact]
    public void Parameter_InjectedTypeNamedLikeTask_IsInjectedNotBound()
    {
        var generated = Generate("""
                [Task] public int Context() => 1;
                [Task] public void Report(TaskContext context) { }
            """);

        Assert.Contains("dag.Report(invocation.Context)", generated, StringComparison.Ordinal);
    }

    [Fact]
    public void Upstream_XComAndAfterToSameTask_ListedOnceAndSorted()
    {
        var generated = Generate("""
                [Task] public int Zeta() => 1;
                [Task] public int Alpha() => 1;
                [Task(After = [nameof(Zeta), "alpha"])] public void Report(int zeta) { }
            """);

        Assert.Contains("Upstream = new string[] { \"alpha\", \"zeta\" },", generated, StringComparison.Ordinal);
        Assert.Contains("XComInputs = new string[] { \"zeta\" },", generated, StringComparison.Ordinal);
    }

    [Fact]
    public void Tasks_SplitOverPartialFiles_AllCollected()
    {
        const string first = """
            using CodeFirst;
            namespace Split;
            [Dag("split")]
            public sealed partial class SplitDag { [Task] public int Extract() => 1; }
            """;
        const string second = """
            namespace Split;
            public sealed partial class SplitDag { [CodeFirst.Task] public void Load(int extract) { } }
            """;

        var generated = GeneratorHarness.Run(first, second).AssertCompilesCleanly().Source("Split.SplitDag.g.cs");

        Assert.Contains("TaskId = \"extract\"", generated, StringComparison.Ordinal);
        Assert.Contains("dag.Load(invocation.GetInput<int>(\"extract\"))", generated, StringComparison.Ordinal);
    }

    [Fact]
    public void Parameter_OfUnknownType_LeavesOnlyTheCompilerError()
    {
        const string source = """
            using CodeFirst;
            namespace Broken;
            [Dag("broken")]
            public sealed partial class BrokenDag
            {
                [Task] public int Extract() => 1;
                [Task] public void Load(Missing extract) { }
            }
            """;

        var output = GeneratorHarness.Run(source);

        Assert.Empty(output.Diagnostics);
        Assert.Contains(output.OutputCompilation.GetDiagnostics(), d => d.Id == "CS0246");
        Assert.DoesNotContain(output.OutputCompilation.GetDiagnostics(), d => d.Severity == DiagnosticSeverity.Error && d.Id != "CS0246");
    }
}
