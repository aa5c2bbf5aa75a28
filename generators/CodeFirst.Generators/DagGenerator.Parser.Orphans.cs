using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using CodeFirst.Generators.Diagnostics;
using CodeFirst.Generators.Model;

namespace CodeFirst.Generators;

public sealed partial class DagGenerator
{
    internal sealed partial class Parser
    {
        /// <summary>CF0015 for a <c>[Task]</c> method whose class has no <c>[Dag]</c>; null otherwise.</summary>
        public static DiagnosticInfo? ParseTaskOutsideDag(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
        {
            var type = context.TargetSymbol.ContainingType;
            if (type is null || type.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == "CodeFirst.DagAttribute"))
                return null;
            var identifier = ((MethodDeclarationSyntax)context.TargetNode).Identifier;
            return new DiagnosticInfo(
                DiagnosticDescriptors.TaskOutsideDag,
                LocationInfo.From(identifier),
                new[] { context.TargetSymbol.Name, type.Name }.ToEquatableArray());
        }
    }
}
