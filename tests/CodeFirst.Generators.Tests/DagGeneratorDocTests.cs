using CodeFirst.Generators.Tests.Execution;
using CodeFirst.Generators.Tests.TestHelpers;
using Microsoft.CodeAnalysis;

namespace CodeFirst.Generators.Tests;

/// <summary>XML doc comments become <c>DagDefinition.Doc</c> and <c>TaskDefinition.Doc</c>.</summary>
public sealed class DagGeneratorDocTests
{
    private static string Generate(string members, string classDoc = "") => GeneratorHarness.Run($$"""
        using CodeFirst;
        namespace Docs;
        {{classDoc}}
        [Dag("docs")]
        public sealed partial class DocDag
        {
        {{members}}
        }
        """).AssertCompilesCleanly().Source("Docs.DocDag.g.cs");

    [Fact]
    public void Definition_SummaryOnClassAndMethod_CollapsedIntoDoc()
    {
        var dag = CompiledDag.Load(AuthoringSources.Ingestion, "Authoring.IngestDag");

        Assert.Equal("Loads the Extracted files, then reports.", dag.Doc);
        Assert.Equal("Lists the files to read.", dag.GetTask("ingestion.read_files").Doc);
        Assert.Null(dag.GetTask("report").Doc);
    }

    [Fact]
    public void Generate_SummaryWithCodeParamrefAndLangword_KeepsTheirText()
    {
        var generated = Generate("""
                /// <summary>Returns <c>true</c> when <paramref name="count"/> is positive; see <see langword="null"/> and <see cref="System.String.Empty"/>.</summary>
                /// <remarks>Not shown.</remarks>
                [Task] public static bool Check(TaskContext context) => true;
            """);

        Assert.Contains("Doc = \"Returns true when count is positive; see null and Empty.\",", generated, StringComparison.Ordinal);
    }

    [Fact]
    public void Generate_CommentWithoutSummaryOrMalformed_NoDoc()
    {
        var generated = Generate("""
                /// <remarks>Only remarks.</remarks>
                [Task] public static void A() { }
                /// <summary>Unclosed
                [Task] public static void B() { }
                // <summary>A plain comment, not a doc comment.</summary>
                [Task] public static void C() { }
            """);

        Assert.DoesNotContain("Doc =", generated, StringComparison.Ordinal);
    }

    [Fact]
    public void Generate_SummaryWithQuotesAndBackslashes_IsAValidLiteral()
    {
        var generated = Generate("""
                /// <summary>Reads "C:\data" &amp; more.</summary>
                [Task] public static void A() { }
            """);

        Assert.Contains("Doc = \"Reads \\\"C:\\\\data\\\" & more.\",", generated, StringComparison.Ordinal);
    }

    [Fact]
    public void Generate_DocumentationModeDiagnose_ReadsTheSameSummary()
    {
        var compilation = GeneratorHarness.CreateCompilation(AuthoringSources.Ingestion);
        var options = GeneratorHarness.ParseOptions.WithDocumentationMode(Microsoft.CodeAnalysis.DocumentationMode.Diagnose);
        compilation = compilation.RemoveAllSyntaxTrees().AddSyntaxTrees(
            GeneratorHarness.CreateCompilation(AuthoringSources.Ingestion).SyntaxTrees.Select(t => t.WithRootAndOptions(t.GetRoot(), options)));
        var driver = Microsoft.CodeAnalysis.CSharp.CSharpGeneratorDriver.Create([new DagGenerator().AsSourceGenerator()], parseOptions: options);

        var generated = driver.RunGenerators(compilation).GetRunResult().GeneratedTrees.Single(t => t.FilePath.EndsWith("Authoring.IngestDag.g.cs", StringComparison.Ordinal)).ToString();

        Assert.Contains("Doc = \"Loads the Extracted files, then reports.\",", generated, StringComparison.Ordinal);
        Assert.Contains("Doc = \"Lists the files to read.\",", generated, StringComparison.Ordinal);
    }
}
