using System.Collections.Immutable;
using CodeFirst.Generators.Analyzers;
using CodeFirst.Generators.Tests.TestHelpers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace CodeFirst.Generators.Tests.Fixes;

/// <summary>Puts a source in an AdhocWorkspace, finds a diagnostic the generator or the analyzer reports on it and applies a code fix.</summary>
internal static class CodeFixHarness
{
    private const string GlobalUsings = """
        global using System;
        global using System.Collections.Generic;
        global using System.Threading;
        global using System.Threading.Tasks;
        global using CodeFirst;
        """;

    public static async Task<ImmutableArray<Diagnostic>> DiagnosticsAsync(Document document)
    {
        var compilation = (await document.Project.GetCompilationAsync())!;
        CSharpGeneratorDriver.Create(new DagGenerator()).RunGeneratorsAndUpdateCompilation(compilation, out _, out var generated);
        var analyzed = await compilation.WithAnalyzers([new ParameterBindingAnalyzer()]).GetAnalyzerDiagnosticsAsync();
        return [.. generated, .. analyzed];
    }

    /// <summary>The titles of the fixes offered for the one <paramref name="id"/> diagnostic.</summary>
    public static async Task<IReadOnlyList<string>> TitlesAsync(string source, CodeFixProvider fix, string id)
    {
        var (document, actions) = await ActionsAsync(source, fix, id);
        return actions.Select(a => a.Title).ToList();
    }

    /// <summary>The source after applying the fix titled <paramref name="title"/>.</summary>
    public static async Task<string> ApplyAsync(string source, CodeFixProvider fix, string id, string title)
    {
        var (document, actions) = await ActionsAsync(source, fix, id);
        var action = actions.SingleOrDefault(a => a.Title == title)
            ?? throw new InvalidOperationException($"No fix '{title}'; offered: {string.Join(", ", actions.Select(a => a.Title))}.");
        var operations = await action.GetOperationsAsync(CancellationToken.None);
        var solution = operations.OfType<ApplyChangesOperation>().Single().ChangedSolution;
        var fixedDocument = solution.GetDocument(document.Id)!;
        var text = (await fixedDocument.GetTextAsync()).ToString();
        var remaining = await DiagnosticsAsync(fixedDocument);
        Assert.DoesNotContain(remaining, d => d.Id == id);
        return text;
    }

    private static async Task<(Document Document, List<CodeAction> Actions)> ActionsAsync(string source, CodeFixProvider fix, string id)
    {
        var document = CreateDocument(source);
        var diagnostic = (await DiagnosticsAsync(document)).Where(d => d.Id == id).OrderBy(d => d.Location.SourceSpan.Start).First();
        Assert.Contains(id, fix.FixableDiagnosticIds);
        var actions = new List<CodeAction>();
        await fix.RegisterCodeFixesAsync(new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None));
        return (document, actions);
    }

    private static Document CreateDocument(string source)
    {
        var workspace = new AdhocWorkspace();
        var project = workspace.AddProject(ProjectInfo.Create(
            ProjectId.CreateNewId(), VersionStamp.Create(), "Dags", "Dags", LanguageNames.CSharp,
            compilationOptions: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable),
            parseOptions: GeneratorHarness.ParseOptions,
            metadataReferences: GeneratorHarness.CreateCompilation().References));
        workspace.AddDocument(project.Id, "GlobalUsings.cs", SourceText.From(GlobalUsings));
        return workspace.AddDocument(project.Id, "Dag.cs", SourceText.From(source));
    }
}
