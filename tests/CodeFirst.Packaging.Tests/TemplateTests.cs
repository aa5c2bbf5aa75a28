using CodeFirst.Packaging.Tests.Support;

namespace CodeFirst.Packaging.Tests;

/// <summary>'dotnet new codefirst-dags' from the packed CodeFirst.Templates, in a private template hive.</summary>
[Collection(PackagingCollection.Name)]
public sealed class TemplateTests(LocalFeed feed)
{
    private async Task<string> InstallAsync()
    {
        var hive = Path.Combine(feed.WorkArea, "template-hive");
        if (!Directory.Exists(hive))
        {
            var install = (await feed.DotnetAsync(feed.WorkArea, "new", "install", feed.Package("CodeFirst.Templates"), "--debug:custom-hive", hive)).ShouldSucceed();
            Assert.Contains("codefirst-dags", install.Output, StringComparison.Ordinal);
        }
        return hive;
    }

    [Fact]
    public async Task NewCodefirstDags_Default_BuildsDagsTestAndItsTestsPass()
    {
        var hive = await InstallAsync();
        var output = Path.Combine(feed.WorkArea, "from-template");
        (await feed.DotnetAsync(feed.WorkArea, "new", "codefirst-dags", "-n", "Acme.Dags", "-o", output, "--debug:custom-hive", hive)).ShouldSucceed();

        Assert.Equal(
            ["Acme.Dags.Tests/Acme.Dags.Tests.csproj", "Acme.Dags.Tests/ExampleEtlTests.cs", "Acme.Dags.slnx", "Acme.Dags/Acme.Dags.csproj", "Acme.Dags/Dags/ExampleEtl.cs", "Acme.Dags/Dags/Summary.cs", "Acme.Dags/Program.cs", "README.md"],
            Directory.GetFiles(output, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(output, f).Replace('\\', '/')).Where(f => !f.StartsWith('.')).Order(StringComparer.Ordinal));
        Assert.Contains($"<PackageReference Include=\"CodeFirst\" Version=\"{feed.Version}\" />", File.ReadAllText(Path.Combine(output, "Acme.Dags", "Acme.Dags.csproj")), StringComparison.Ordinal);
        Assert.Equal("return await CodeFirst.CodeFirstApp.RunAsync(args);", File.ReadAllLines(Path.Combine(output, "Acme.Dags", "Program.cs")).Last(l => l.Length > 0));

        (await feed.DotnetAsync(output, "build", "-nologo", "-v", "q", "-clp:NoSummary")).ShouldSucceed();
        var dagsTest = (await feed.DotnetAsync(output, Path.Combine(output, "Acme.Dags", "bin", "Debug", "net10.0", "Acme.Dags.dll"), "dags", "test", "example_etl", "2024-03-01")).ShouldSucceed();
        foreach (var task in new[] { "extract", "transform", "report", "notify" }) Assert.Matches($@"\n{task}\s+success\s+1/\d", dagsTest.Output);

        var unitTests = (await feed.DotnetAsync(output, "test", "--no-build", "-nologo")).ShouldSucceed();
        Assert.Matches(@"Passed!\s+-\s+Failed:\s+0, Passed:\s+2", unitTests.Output);
    }

    [Fact]
    public async Task NewCodefirstDags_WithoutTests_ScaffoldsOnlyTheApplication()
    {
        var hive = await InstallAsync();
        var output = Path.Combine(feed.WorkArea, "from-template-no-tests");

        (await feed.DotnetAsync(feed.WorkArea, "new", "codefirst-dags", "-n", "Solo", "-o", output, "--tests", "false", "--debug:custom-hive", hive)).ShouldSucceed();

        Assert.False(Directory.Exists(Path.Combine(output, "Solo.Tests")));
        Assert.True(File.Exists(Path.Combine(output, "Solo", "Solo.csproj")));
        var solution = File.ReadAllText(Path.Combine(output, "Solo.slnx"));
        Assert.Contains("Solo/Solo.csproj", solution, StringComparison.Ordinal);
        Assert.DoesNotContain("Tests", solution, StringComparison.Ordinal);
    }
}
