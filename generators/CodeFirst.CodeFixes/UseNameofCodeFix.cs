using System.Collections.Immutable;
using System.Composition;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace CodeFirst.CodeFixes;

/// <summary>CF0002: replaces an unknown upstream reference (<c>After</c> entry, <c>[FromTask]</c>) with <c>nameof</c> of the task it was close to.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UseNameofCodeFix)), Shared]
public sealed class UseNameofCodeFix : CodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ["CF0002"];

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root?.FindNode(context.Span, getInnermostNodeForTie: true) is not ExpressionSyntax reference || model is null) return;
        var typeSyntax = reference.FirstAncestorOrSelf<TypeDeclarationSyntax>();
        if (typeSyntax is null || model.GetDeclaredSymbol(typeSyntax, context.CancellationToken) is not INamedTypeSymbol dagType) return;
        if (ReferenceText(reference) is not { } text || TaskMethods.Closest(dagType, text) is not { } method) return;

        var replacement = SyntaxFactory.ParseExpression($"nameof({method.Name})").WithTriviaFrom(reference);
        context.RegisterCodeFix(
            CodeAction.Create($"Use nameof({method.Name})", _ => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(reference, replacement))),
                nameof(UseNameofCodeFix)),
            context.Diagnostics);
    }

    private static string? ReferenceText(ExpressionSyntax reference) => reference switch
    {
        LiteralExpressionSyntax literal when literal.IsKind(SyntaxKind.StringLiteralExpression) => literal.Token.ValueText,
        InvocationExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: "nameof" } } invocation
            when invocation.ArgumentList.Arguments.Count == 1 => invocation.ArgumentList.Arguments[0].Expression.ToString(),
        _ => null,
    };
}
