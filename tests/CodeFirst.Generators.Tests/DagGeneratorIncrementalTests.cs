using CodeFirst.Generators.Tests.TestHelpers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace CodeFirst.Generators.Tests;

public sealed class DagGeneratorIncrementalTests
{
    private static readonly string[] RequiredSteps = [TrackingNames.Parse, TrackingNames.Specs, TrackingNames.Registry, TrackingNames.DagIds];

    private static readonly string[] AllSteps =
        [TrackingNames.Parse, TrackingNames.Diagnostics, TrackingNames.Specs, TrackingNames.Registry, TrackingNames.DagIds, TrackingNames.OrphanTasks];

    [Fact]
    public void RunGenerators_ClonedCompilation_EveryStepCached()
    {
        var (driver, compilation) = RunOnce();

        var result = driver.RunGenerators(compilation.Clone()).GetRunResult();

        AssertAllCachedOrUnchanged(result);
    }

    [Fact]
    public void RunGenerators_UnrelatedFileAdded_EveryStepCached()
    {
        var (driver, compilation) = RunOnce();
        var unrelated = CSharpSyntaxTree.ParseText("namespace Other; internal static class Unrelated { }", GeneratorHarness.ParseOptions, path: "Unrelated.cs");

        var result = driver.RunGenerators(compilation.AddSyntaxTrees(unrelated)).GetRunResult();

        AssertAllCachedOrUnchanged(result);
    }

    [Fact]
    public void RunGenerators_MethodBodyEdited_EveryStepCachedOrUnchanged()
    {
        var (driver, compilation) = RunOnce();
        var edited = Replace(compilation, "=> Summary.Of(extract);", "=> new Summary(extract.OrderIds.Length + 0);");

        var result = driver.RunGenerators(edited).GetRunResult();

        AssertAllCachedOrUnchanged(result);
        Assert.Contains(result.Results[0].TrackedSteps[TrackingNames.Parse].SelectMany(s => s.Outputs), o => o.Reason == IncrementalStepRunReason.Unchanged);
    }

    [Fact]
    public void RunGenerators_ScheduleEdited_SpecIsModified()
    {
        var (driver, compilation) = RunOnce();
        var edited = Replace(compilation, "Schedule = \"@daily\"", "Schedule = \"@hourly\"");

        var result = driver.RunGenerators(edited).GetRunResult();

        var reasons = result.Results[0].TrackedSteps[TrackingNames.Specs].SelectMany(s => s.Outputs).Select(o => o.Reason);
        Assert.Contains(IncrementalStepRunReason.Modified, reasons);
        Assert.Contains("Schedule = \"@hourly\"", result.Results[0].GeneratedSources.Single(s => s.HintName == "Sample.OrdersEtl.g.cs").SourceText.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void PipelineOutputs_AnyStep_HoldNoSymbolsSyntaxOrCompilation()
    {
        var compilation = GeneratorHarness.CreateCompilation(TestSources.OrdersEtl, TestSources.Features, """
            using CodeFirst;
            [Dag("bad id")] public class Broken { [Task] public void A(int a) { } }
            public class Plain { [Task] public void Orphan() { } }
            """);
        var result = GeneratorHarness.CreateDriver().RunGenerators(compilation).GetRunResult();

        var steps = result.Results[0].TrackedSteps;
        foreach (var name in AllSteps)
        {
            Assert.True(steps.ContainsKey(name), $"Step '{name}' was not tracked.");
            foreach (var (value, _) in steps[name].SelectMany(s => s.Outputs)) ModelWalker.AssertHoldsNoCompilationObjects(value, name);
        }
        Assert.NotEmpty(result.Diagnostics);
    }

    [Fact]
    public void ModelWalker_ValueHoldingSymbol_Fails()
    {
        var compilation = GeneratorHarness.CreateCompilation("public class C { }");
        var symbol = compilation.GetTypeByMetadataName("C");

        Assert.ThrowsAny<Exception>(() => ModelWalker.AssertHoldsNoCompilationObjects(new[] { (object?)("x", symbol) }, "root"));
    }

    private static (GeneratorDriver Driver, Compilation Compilation) RunOnce()
    {
        var compilation = GeneratorHarness.CreateCompilation(TestSources.OrdersEtl);
        var driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);
        Assert.Equal(2, driver.GetRunResult().GeneratedTrees.Length);
        return (driver, compilation);
    }

    private static Compilation Replace(Compilation compilation, string oldText, string newText)
    {
        var tree = compilation.SyntaxTrees.First();
        var text = tree.GetText().ToString();
        Assert.Contains(oldText, text, StringComparison.Ordinal);
        return compilation.ReplaceSyntaxTree(tree, tree.WithChangedText(Microsoft.CodeAnalysis.Text.SourceText.From(text.Replace(oldText, newText, StringComparison.Ordinal))));
    }

    private static void AssertAllCachedOrUnchanged(GeneratorDriverRunResult result)
    {
        var run = result.Results.Single();
        foreach (var name in RequiredSteps) Assert.True(run.TrackedSteps.ContainsKey(name), $"Step '{name}' was not tracked.");
        foreach (var (name, steps) in run.TrackedSteps.Where(s => AllSteps.Contains(s.Key)))
        {
            foreach (var output in steps.SelectMany(s => s.Outputs))
            {
                Assert.True(output.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"Step '{name}' output was {output.Reason}.");
            }
        }
        foreach (var output in run.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs))
        {
            Assert.True(output.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"An output step was {output.Reason}.");
        }
    }
}
