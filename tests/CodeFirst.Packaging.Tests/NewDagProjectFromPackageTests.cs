using CodeFirst.Packaging.Tests.Support;

namespace CodeFirst.Packaging.Tests;

/// <summary>
/// A brand-new DAG project outside the repository with one PackageReference, to 'CodeFirst' from
/// the folder feed: the generator runs from the package ('dags test' finds the DAG only through
/// the generated registry) and its diagnostics fail the build.
/// </summary>
[Collection(PackagingCollection.Name)]
public sealed class NewDagProjectFromPackageTests(LocalFeed feed)
{
    [Fact]
    public async Task NewProject_ReferencingOnlyCodeFirst_BuildsAndDagsTestSucceeds()
    {
        var project = await feed.Greetings;
        project.Build.ShouldSucceed();

        var test = (await feed.DotnetAsync(project.Directory, project.Dll, "dags", "test", "greetings", "2024-03-01")).ShouldSucceed();

        Assert.Matches(@"names\s+success\s+1/1", test.Output);
        Assert.Matches(@"greet\s+success\s+1/2", test.Output);
        Assert.Matches(@"done\s+success\s+1/1", test.Output);
        Assert.Contains("Run manual__2024-03-01T00:00:00+00:00: success", test.Output, StringComparison.Ordinal);
        // Restored from the folder feed into the private packages folder, not from project references.
        Assert.True(File.Exists(Path.Combine(feed.PackagesDirectory, "codefirst", feed.Version, "analyzers", "dotnet", "cs", "CodeFirst.Generators.dll")),
            "CodeFirst (with its generator) was not restored from the local feed");
        Assert.Contains("analyzers/dotnet/cs/CodeFirst.Generators.dll", File.ReadAllText(Path.Combine(project.Directory, "obj", "project.assets.json")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task NewProject_WithACycle_FailsToBuildWithCF0003FromThePackagedAnalyzer()
    {
        var cyclic = ConsumerProject.GoodDag.Replace("[Task]\n    public string[] Names()", "[Task(After = [nameof(Done)])]\n    public string[] Names()", StringComparison.Ordinal);
        Assert.NotEqual(ConsumerProject.GoodDag, cyclic);

        var project = await ConsumerProject.CreateAndBuildAsync(feed, "Cycle", cyclic);

        Assert.True(project.Build.ExitCode != 0, project.Build.ToString());
        // Names is declared first on line 10, column 21.
        Assert.Matches(@"Greetings\.cs\(10,21\): error CF0003: .*names -> greet -> done -> names", project.Build.Output);
    }
}
