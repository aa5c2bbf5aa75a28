using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace CodeFirst.Generators.Tests.Fixes;

public sealed class ParameterBindingAnalyzerTests
{
    private static async Task<List<Diagnostic>> Cf0090Async(string body)
    {
        var source = $$"""
            public interface IOrdersApi { }
            public sealed record Batch(int Count);

            [Dag("orders")]
            public sealed partial class Orders
            {
            {{body}}
            }
            """;
        var workspace = new AdhocWorkspace();
        var project = workspace.AddProject("Dags", LanguageNames.CSharp)
            .WithCompilationOptions(new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary))
            .WithParseOptions(TestHelpers.GeneratorHarness.ParseOptions)
            .WithMetadataReferences(TestHelpers.GeneratorHarness.CreateCompilation().References);
        project = project.AddDocument("Usings.cs", SourceText.From("global using System; global using System.Threading; global using System.Threading.Tasks; global using CodeFirst;")).Project;
        var document = project.AddDocument("Dag.cs", SourceText.From(source));
        return (await CodeFixHarness.DiagnosticsAsync(document)).Where(d => d.Id == "CF0090").ToList();
    }

    [Fact]
    public async Task TypoOfATaskName_WarnsAtTheParameterNamingTheTaskAndTheFixes()
    {
        var diagnostic = Assert.Single(await Cf0090Async("""
                [Task] public int[] ExtractOrders() => [1];
                [Task] public int Transform(int[] extractOrdres) => 1;
            """));

        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
        Assert.Equal("extractOrdres", diagnostic.Location.SourceTree!.GetText().ToString(diagnostic.Location.SourceSpan));
        Assert.Equal(
            "Parameter 'extractOrdres' of task 'transform' matches no task, so it would be resolved from DI, but it looks meant for the return value of task 'extract_orders'. Rename it to 'extractOrders' or mark it [FromTask(nameof(ExtractOrders))].",
            diagnostic.GetMessage(CultureInfo.InvariantCulture));
        Assert.Equal("https://github.com/OWNER/codefirst/blob/main/docs/diagnostics/CF0090.md", diagnostic.Descriptor.HelpLinkUri);
    }

    [Theory]
    [InlineData("public int Transform(int[] extract) => 1;")]                          // bound by name
    [InlineData("public int Transform(int[] EXTRACT_ORDERS) => 1;")]                   // bound by task id
    [InlineData("public int Transform([FromTask(nameof(ExtractOrders))] int[] x) => 1;")]
    [InlineData("public int Transform(IOrdersApi api, TaskContext context, CancellationToken token) => 1;")] // services and injected types
    [InlineData("public int Transform(IOrdersApi extractor) => 1;")]                   // a typo's task returns nothing it could take
    [InlineData("public int Transform(long[] extrct) => 1;")]                           // int[] does not convert to long[]
    [InlineData("public int Transform(string ex) => 1;")]                              // too short to call a typo
    public async Task ParameterBoundOrClearlyAService_IsNotReported(string transform)
    {
        Assert.Empty(await Cf0090Async($"""
                [Task] public int[] ExtractOrders() => [1];
                [Task] public int[] Extract() => [1];
                [Task] {transform}
            """));
    }

    [Fact]
    public async Task TypeOfTwoUpstreams_IsAmbiguousAndNotReported()
    {
        Assert.Empty(await Cf0090Async("""
                [Task] public Batch First() => new(1);
                [Task] public Batch Second() => new(2);
                [Task] public int Load(Batch batch) => batch.Count;
            """));
    }
}
