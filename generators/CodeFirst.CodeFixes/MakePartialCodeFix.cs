using System.Collections.Immutable;
using System.Composition;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace CodeFirst.CodeFixes;

/// <summary>CF0001: adds <c>partial</c> to the DAG class and to every class around it that lacks it.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MakePartialCodeFix)), Shared]
public sealed class MakePartialCodeFix : CodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ["CF0001"];

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var type = root?.FindToken(context.Span.Start).Parent?.AncestorsAndSelf().OfType<TypeDeclarationSyntax>().FirstOrDefault();
        if (root is null || type is null) return;
        context.RegisterCodeFix(
            CodeAction.Create("Make the class partial", _ => Task.FromResult(context.Document.WithSyntaxRoot(MakePartial(root, type))), nameof(MakePartialCodeFix)),
            context.Diagnostics);
    }

    private static SyntaxNode MakePartial(SyntaxNode root, TypeDeclarationSyntax type)
    {
        // The diagnostic may sit on a containing class: the DAG classes inside it need partial as well.
        var dags = type.DescendantNodesAndSelf().OfType<TypeDeclarationSyntax>().Where(IsDag).Append(type);
        var lacking = dags.SelectMany(t => t.AncestorsAndSelf().OfType<TypeDeclarationSyntax>())
            .Where(t => !t.Modifiers.Any(SyntaxKind.PartialKeyword))
            .Distinct();
        return root.ReplaceNodes(lacking, (_, rewritten) => AddPartial(rewritten));
    }

    private static bool IsDag(TypeDeclarationSyntax type) =>
        type.AttributeLists.SelectMany(l => l.Attributes).Any(a => a.Name.ToString() is "Dag" or "DagAttribute" or "CodeFirst.Dag" or "CodeFirst.DagAttribute");

    // 'partial' must come right before the keyword: after every other modifier, taking over the
    // keyword's indentation when there is no modifier to follow.
    private static TypeDeclarationSyntax AddPartial(TypeDeclarationSyntax type)
    {
        if (type.Modifiers.Count > 0)
            return type.AddModifiers(SyntaxFactory.Token(SyntaxKind.PartialKeyword).WithTrailingTrivia(SyntaxFactory.Space));
        var keyword = type.Keyword;
        var partial = SyntaxFactory.Token(keyword.LeadingTrivia, SyntaxKind.PartialKeyword, SyntaxFactory.TriviaList(SyntaxFactory.Space));
        return type.WithKeyword(keyword.WithLeadingTrivia()).WithModifiers(SyntaxFactory.TokenList(partial));
    }
}
