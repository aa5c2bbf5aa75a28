using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using CodeFirst.Generators.Model;

namespace CodeFirst.Generators;

/// <summary>Finds the syntax of an attribute's arguments, so a diagnostic points at the value that is wrong.</summary>
internal static class AttributeArguments
{
    public static AttributeSyntax? Syntax(AttributeData attribute, CancellationToken cancellationToken) =>
        attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) as AttributeSyntax;

    /// <summary>The named argument <paramref name="name"/>, or the constructor argument at <paramref name="position"/> when name is null.</summary>
    public static ExpressionSyntax? Find(AttributeSyntax? syntax, string? name, int position = 0)
    {
        if (syntax?.ArgumentList is null) return null;
        var index = 0;
        foreach (var argument in syntax.ArgumentList.Arguments)
        {
            if (name is not null)
            {
                if (argument.NameEquals?.Name.Identifier.ValueText == name) return argument.Expression;
                continue;
            }
            if (argument.NameEquals is not null) continue;
            if (index++ == position) return argument.Expression;
        }
        return null;
    }

    public static LocationInfo? Location(AttributeSyntax? syntax, string? name, int position = 0) =>
        LocationInfo.From((SyntaxNode?)Find(syntax, name, position) ?? syntax);

    /// <summary>The location of each element of an array argument, falling back to the whole argument.</summary>
    public static LocationInfo?[] ElementLocations(AttributeSyntax? syntax, string name, int count)
    {
        var expression = Find(syntax, name);
        var elements = expression switch
        {
            CollectionExpressionSyntax collection => collection.Elements
                .Select(e => e is ExpressionElementSyntax item ? (SyntaxNode)item.Expression : e).ToList(),
            ArrayCreationExpressionSyntax array => array.Initializer?.Expressions.Cast<SyntaxNode>().ToList(),
            ImplicitArrayCreationExpressionSyntax array => array.Initializer.Expressions.Cast<SyntaxNode>().ToList(),
            _ => null,
        };
        var result = new LocationInfo?[count];
        for (var i = 0; i < count; i++)
        {
            result[i] = elements is not null && elements.Count == count
                ? LocationInfo.From(elements[i])
                : LocationInfo.From((SyntaxNode?)expression ?? syntax);
        }
        return result;
    }
}
