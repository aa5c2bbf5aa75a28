using CodeFirst.Packaging.Tests.Support;

namespace CodeFirst.Packaging.Tests;

/// <summary>The IDE code fixes travel with the generator, in their own DLL so the compiler never needs Workspaces.</summary>
[Collection(PackagingCollection.Name)]
public sealed class CodeFixesPackagingTests(LocalFeed feed)
{
    private const string Analyzers = "analyzers/dotnet/cs/";

    [Fact]
    public void CodeFirst_CarriesTheCodeFixesBesideTheGeneratorAndNothingElse()
    {
        var package = Nupkg.Open(feed.Package("CodeFirst"));

        Assert.Equal(
            [Analyzers + "CodeFirst.CodeFixes.dll", Analyzers + "CodeFirst.Generators.dll"],
            package.Files.Where(f => f.StartsWith(Analyzers, StringComparison.Ordinal)).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void CodeFixes_UseTheIdesWorkspacesAndTheGeneratorDoesNot()
    {
        var package = Nupkg.Open(feed.Package("CodeFirst"));
        var fixes = package.AssemblyReferences(Analyzers + "CodeFirst.CodeFixes.dll");
        var generator = package.AssemblyReferences(Analyzers + "CodeFirst.Generators.dll");

        Assert.True(fixes.TryGetValue("Microsoft.CodeAnalysis.Workspaces", out var workspaces), string.Join(", ", fixes.Keys));
        Assert.True(workspaces <= new Version(4, 14, 0, 0), $"Microsoft.CodeAnalysis.Workspaces {workspaces}");
        Assert.DoesNotContain("Microsoft.CodeAnalysis.Workspaces", generator.Keys);
        Assert.DoesNotContain("CodeFirst.Generators", fixes.Keys);
    }
}
