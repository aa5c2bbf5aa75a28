using CodeFirst.Generators.Tests.TestHelpers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace CodeFirst.Generators.Tests;

/// <summary>Groups, keys, docs and families keep the generator incremental, and their output is pinned by a snapshot.</summary>
public sealed class DagGeneratorAuthoringIncrementalTests
{
    private static readonly string[] OwnSteps =
        [TrackingNames.Parse, TrackingNames.Diagnostics, TrackingNames.Specs, TrackingNames.Registry, TrackingNames.DagIds, TrackingNames.OrphanTasks, TrackingNames.OrphanClassAttributes];

    [Fact]
    public void Generate_GroupsOutputsAndDocs_MatchesSnapshot()
    {
        var output = GeneratorHarness.Run(AuthoringSources.Ingestion).AssertCompilesCleanly();

        Snapshot.Match(output.Source("Authoring.IngestDag.g.cs"), "IngestDag.g.cs");
    }

    [Fact]
    public void RunGenerators_UnrelatedFileAdded_EveryStepCached()
    {
        var (driver, compilation) = RunOnce();
        var unrelated = CSharpSyntaxTree.ParseText("namespace Other; internal static class Unrelated { }", GeneratorHarness.ParseOptions, path: "Unrelated.cs");

        var result = driver.RunGenerators(compilation.AddSyntaxTrees(unrelated)).GetRunResult();

        AssertNoStepRan(result);
    }

    [Fact]
    public void RunGenerators_TaskBodyEdited_EveryStepCachedOrUnchanged()
    {
        var (driver, compilation) = RunOnce();

        var result = driver.RunGenerators(Replace(compilation, "=> rows;", "=> rows + 0;")).GetRunResult();

        AssertNoStepRan(result);
    }

    [Fact]
    public void RunGenerators_DocCommentEdited_SpecIsModified()
    {
        var (driver, compilation) = RunOnce();

        var result = driver.RunGenerators(Replace(compilation, "Lists the files to read.", "Lists the input files.")).GetRunResult();

        var reasons = result.Results[0].TrackedSteps[TrackingNames.Specs].SelectMany(s => s.Outputs).Select(o => o.Reason);
        Assert.Contains(IncrementalStepRunReason.Modified, reasons);
        Assert.Contains("Doc = \"Lists the input files.\",", result.Results[0].GeneratedSources.Single(s => s.HintName == "Authoring.IngestDag.g.cs").SourceText.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void PipelineOutputs_FamilyAndGroups_HoldNoSymbolsSyntaxOrCompilation()
    {
        var compilation = GeneratorHarness.CreateCompilation(AuthoringSources.Ingestion, AuthoringSources.Regions);
        var result = GeneratorHarness.CreateDriver().RunGenerators(compilation).GetRunResult();

        foreach (var (name, steps) in result.Results[0].TrackedSteps.Where(s => OwnSteps.Contains(s.Key)))
        {
            foreach (var (value, _) in steps.SelectMany(s => s.Outputs)) ModelWalker.AssertHoldsNoCompilationObjects(value, name);
        }
        Assert.True(result.Results[0].TrackedSteps.ContainsKey(TrackingNames.Specs));
    }

    private static (GeneratorDriver Driver, Compilation Compilation) RunOnce()
    {
        var compilation = GeneratorHarness.CreateCompilation(AuthoringSources.Ingestion, AuthoringSources.Regions);
        var driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);
        Assert.Equal(3, driver.GetRunResult().GeneratedTrees.Length);
        return (driver, compilation);
    }

    private static Compilation Replace(Compilation compilation, string oldText, string newText)
    {
        var tree = compilation.SyntaxTrees.First();
        var text = tree.GetText().ToString();
        Assert.Contains(oldText, text, StringComparison.Ordinal);
        return compilation.ReplaceSyntaxTree(tree, tree.WithChangedText(Microsoft.CodeAnalysis.Text.SourceText.From(text.Replace(oldText, newText, StringComparison.Ordinal))));
    }

    private static void AssertNoStepRan(GeneratorDriverRunResult result)
    {
        var run = result.Results.Single();
        // Steps without outputs (no diagnostics, no orphan tasks) are not tracked at all.
        foreach (var name in new[] { TrackingNames.Parse, TrackingNames.Specs, TrackingNames.Registry, TrackingNames.DagIds })
            Assert.True(run.TrackedSteps.ContainsKey(name), $"Step '{name}' was not tracked.");
        foreach (var (name, steps) in run.TrackedSteps.Where(s => OwnSteps.Contains(s.Key)))
        {
            foreach (var output in steps.SelectMany(s => s.Outputs))
                Assert.True(output.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"Step '{name}' output was {output.Reason}.");
        }
        foreach (var output in run.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs))
            Assert.True(output.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"An output step was {output.Reason}.");
    }
}
