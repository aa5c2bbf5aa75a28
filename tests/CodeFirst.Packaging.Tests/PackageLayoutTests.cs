using CodeFirst.Packaging.Tests.Support;

namespace CodeFirst.Packaging.Tests;

/// <summary>What 'dotnet pack CodeFirst.sln' produces: exactly the shipped packages, with metadata, in the documented layout.</summary>
[Collection(PackagingCollection.Name)]
public sealed class PackageLayoutTests(LocalFeed feed)
{
    private static readonly string[] ShippedIds =
    [
        "CodeFirst", "CodeFirst.Abstractions", "CodeFirst.Runtime", "CodeFirst.Server", "CodeFirst.Grpc", "CodeFirst.Proto",
        "CodeFirst.Testing", "CodeFirst.Tasks", "CodeFirst.Templates", "CodeFirst.Tool",
        "CodeFirst.Watchers.RabbitMQ", "CodeFirst.Watchers.Redis",
    ];

    public static TheoryData<string> Shipped => new(ShippedIds);

    [Fact]
    public void PackSolution_ProducesExactlyTheShippedPackages()
    {
        Assert.True(feed.Pack!.ExitCode == 0, feed.Pack.ToString());
        var produced = Directory.GetFiles(feed.FeedDirectory, "*.nupkg").Select(f => Path.GetFileName(f)!).Order(StringComparer.Ordinal).ToArray();

        // Test projects, the sample, the bench, the TestDags app and the generator (shipped inside CodeFirst) do not pack.
        Assert.Equal(ShippedIds.Select(id => $"{id}.{feed.Version}.nupkg").Order(StringComparer.Ordinal), produced);
    }

    [Fact]
    public void EveryShippedProject_IsBuiltBeforeTheseTests()
    {
        // 'dotnet test CodeFirst.sln' builds and runs projects in parallel: the no-build pack above finds a
        // shipped project's output only if this project references it (CI once packed before the watchers were built).
        var csproj = File.ReadAllText(Path.Combine(RepoPaths.Root, "tests", "CodeFirst.Packaging.Tests", "CodeFirst.Packaging.Tests.csproj"));
        var referenced = System.Text.RegularExpressions.Regex.Matches(csproj, @"ProjectReference Include=""[^""]*[\\/]([^""\\/]+)\.csproj""")
            .Select(m => m.Groups[1].Value)
            .ToHashSet(StringComparer.Ordinal);

        Assert.Equal([], ShippedIds.Except(referenced).ToArray());
    }

    [Theory]
    [MemberData(nameof(Shipped))]
    public void Package_HasMetadataAndReadme(string id)
    {
        var package = Nupkg.Open(feed.Package(id));

        Assert.Equal(id, package.Value("id"));
        Assert.Equal(feed.Version, package.Value("version"));
        Assert.Equal("MIT", package.Value("license"));
        Assert.Equal("expression", (string?)package.Element("license")!.Attribute("type"));
        Assert.False(string.IsNullOrWhiteSpace(package.Value("description")));
        Assert.False(string.IsNullOrWhiteSpace(package.Value("tags")));
        Assert.StartsWith("https://", (string?)package.Element("repository")?.Attribute("url"), StringComparison.Ordinal);
        Assert.Equal("README.md", package.Value("readme"));
        Assert.Contains("README.md", package.Files);
    }

    [Fact]
    public void CodeFirst_IsAMetaPackageCarryingTheGenerator()
    {
        var package = Nupkg.Open(feed.Package("CodeFirst"));

        Assert.Contains("analyzers/dotnet/cs/CodeFirst.Generators.dll", package.Files);
        Assert.DoesNotContain(package.Files, f => f.StartsWith("lib/", StringComparison.Ordinal) && f.EndsWith(".dll", StringComparison.Ordinal));
        Assert.Equal(
            new[] { ("CodeFirst.Abstractions", feed.Version), ("CodeFirst.Runtime", feed.Version), ("CodeFirst.Server", feed.Version) },
            package.Dependencies.Order());
    }

    [Fact]
    public void Generator_TargetsARoslynTheSdkCompilerLoads()
    {
        var references = Nupkg.Open(feed.Package("CodeFirst")).AssemblyReferences("analyzers/dotnet/cs/CodeFirst.Generators.dll");

        // A generator built against a newer Roslyn than the consumer's compiler is skipped with CS9057.
        Assert.True(references.TryGetValue("Microsoft.CodeAnalysis", out var roslyn), string.Join(", ", references.Keys));
        Assert.True(roslyn <= new Version(4, 14, 0, 0), $"Microsoft.CodeAnalysis {roslyn}");
        Assert.Equal("netstandard", references.Keys.Single(k => k is "netstandard" or "System.Runtime"));
    }

    [Fact]
    public void Server_DependsOnTheRuntimeAndTheControlPlanePackages()
    {
        var dependencies = Nupkg.Open(feed.Package("CodeFirst.Server")).Dependencies.Select(d => d.Id).ToArray();

        Assert.Contains("CodeFirst.Runtime", dependencies);
        Assert.Contains("CodeFirst.Grpc", dependencies);
        Assert.Contains("CodeFirst.Proto", dependencies);
    }

    [Fact]
    public void Tasks_DependsOnlyOnAbstractionsAmongCodeFirstPackages()
    {
        var dependencies = Nupkg.Open(feed.Package("CodeFirst.Tasks")).Dependencies.Select(d => d.Id).Where(d => d.StartsWith("CodeFirst", StringComparison.Ordinal));

        Assert.Equal(["CodeFirst.Abstractions"], dependencies);
    }

    [Fact]
    public void Templates_IsATemplatePackageWithTheVersionStamped()
    {
        var package = Nupkg.Open(feed.Package("CodeFirst.Templates"));

        Assert.Equal("Template", (string?)package.Element("packageTypes")!.Elements().Single().Attribute("name"));
        Assert.Contains("content/CodeFirstDags/MyDags/Program.cs", package.Files);
        Assert.Contains("content/CodeFirstDags/MyDags.Tests/MyDags.Tests.csproj", package.Files);
        Assert.Contains($"\"defaultValue\": \"{feed.Version}\"", package.ReadText("content/CodeFirstDags/.template.config/template.json"), StringComparison.Ordinal);
        Assert.DoesNotContain(package.Files, f => f.Contains("/bin/", StringComparison.Ordinal) || f.Contains("/obj/", StringComparison.Ordinal));
    }

    [Fact]
    public void Tool_IsADotnetToolNamedCodefirst()
    {
        var package = Nupkg.Open(feed.Package("CodeFirst.Tool"));

        Assert.Equal("DotnetTool", (string?)package.Element("packageTypes")!.Elements().Single().Attribute("name"));
        Assert.Contains("tools/net10.0/any/codefirst.dll", package.Files);
        Assert.Contains("Name=\"codefirst\"", package.ReadText("tools/net10.0/any/DotnetToolSettings.xml"), StringComparison.Ordinal);
        Assert.Empty(package.Dependencies);
    }
}
