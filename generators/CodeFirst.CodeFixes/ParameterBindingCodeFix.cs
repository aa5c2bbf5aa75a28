using System.Collections.Immutable;
using System.Composition;
using CodeFirst.Generators.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Rename;

namespace CodeFirst.CodeFixes;

/// <summary>CF0090: renames the parameter after the task it was meant to bind, or marks it <c>[FromTask(nameof(Task))]</c>.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ParameterBindingCodeFix)), Shared]
public sealed class ParameterBindingCodeFix : CodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ["CF0090"];

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var parameter = root?.FindToken(context.Span.Start).Parent?.FirstAncestorOrSelf<ParameterSyntax>();
        if (root is null || parameter is null) return;
        foreach (var diagnostic in context.Diagnostics)
        {
            if (!diagnostic.Properties.TryGetValue(DiagnosticProperties.UpstreamMethod, out var upstream) || upstream is null) continue;
            if (diagnostic.Properties.TryGetValue(DiagnosticProperties.SuggestedName, out var name) && name is not null)
            {
                context.RegisterCodeFix(
                    CodeAction.Create($"Rename to '{name}'", token => RenameAsync(context.Document, parameter, name, token), "Rename:" + name),
                    diagnostic);
            }
            context.RegisterCodeFix(
                CodeAction.Create($"Add [FromTask(nameof({upstream}))]", _ => Task.FromResult(AddFromTask(context.Document, root, parameter, upstream)), "FromTask:" + upstream),
                diagnostic);
        }
    }

    private static async Task<Solution> RenameAsync(Document document, ParameterSyntax parameter, string name, CancellationToken cancellationToken)
    {
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        var symbol = model?.GetDeclaredSymbol(parameter, cancellationToken);
        if (symbol is null) return document.Project.Solution;
        return await Renamer.RenameSymbolAsync(document.Project.Solution, symbol, new SymbolRenameOptions(), name, cancellationToken).ConfigureAwait(false);
    }

    private static Document AddFromTask(Document document, SyntaxNode root, ParameterSyntax parameter, string upstream)
    {
        var attribute = SyntaxFactory.Attribute(
            SyntaxFactory.IdentifierName("FromTask"),
            SyntaxFactory.ParseAttributeArgumentList($"(nameof({upstream}))"));
        var list = SyntaxFactory.AttributeList(SyntaxFactory.SingletonSeparatedList(attribute)).WithTrailingTrivia(SyntaxFactory.Space);
        // The attribute takes over the parameter's leading trivia, so it sits where the parameter (or its first attribute) started.
        var stripped = parameter.WithoutLeadingTrivia();
        var updated = stripped.WithAttributeLists(stripped.AttributeLists.Insert(0, list.WithLeadingTrivia(parameter.GetLeadingTrivia())));
        return document.WithSyntaxRoot(root.ReplaceNode(parameter, updated));
    }
}
