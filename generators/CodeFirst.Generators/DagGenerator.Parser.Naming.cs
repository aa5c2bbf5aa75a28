using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using CodeFirst.Generators.Model;

namespace CodeFirst.Generators;

public sealed partial class DagGenerator
{
    internal sealed partial class Parser
    {
        private static EquatableArray<string> ContainingTypeDeclarations(INamedTypeSymbol type)
        {
            var declarations = new List<string>();
            for (var outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
            {
                declarations.Add($"partial {TypeKeyword(outer)} {Identifier(outer.Name)}");
            }
            declarations.Reverse();
            return declarations.ToEquatableArray();
        }

        private static string TypeKeyword(INamedTypeSymbol type) => (type.IsRecord, type.TypeKind) switch
        {
            (true, TypeKind.Struct) => "record struct",
            (true, _) => "record",
            (false, TypeKind.Struct) => "struct",
            (false, TypeKind.Interface) => "interface",
            _ => "class",
        };

        private static string HintName(INamedTypeSymbol type)
        {
            var parts = new List<string>();
            for (INamedTypeSymbol? current = type; current is not null; current = current.ContainingType)
            {
                parts.Add(current.Name);
            }
            if (!type.ContainingNamespace.IsGlobalNamespace) parts.Add(type.ContainingNamespace.ToDisplayString());
            parts.Reverse();
            return string.Join(".", parts) + ".g.cs";
        }

        /// <summary>A name as C# source, with '@' when it is a keyword (a method called <c>@event</c>).</summary>
        internal static string Identifier(string name) =>
            SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None ? "@" + name : name;
    }
}
