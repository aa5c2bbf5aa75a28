using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using CodeFirst.Generators.Diagnostics;
using CodeFirst.Generators.Model;

namespace CodeFirst.Generators;

public sealed partial class DagGenerator
{
    private static readonly string[] DagClassAttributes = ["TaskGroup", "DagInstance", "DagFamily"];

    /// <summary>CF0059 for <c>[TaskGroup]</c>, <c>[DagInstance]</c> or <c>[DagFamily]</c> on a class that has no <c>[Dag]</c>.</summary>
    private static void InitializeOrphanClassAttributes(IncrementalGeneratorInitializationContext context)
    {
        foreach (var name in DagClassAttributes)
        {
            var orphans = context.SyntaxProvider
                .ForAttributeWithMetadataName(
                    $"CodeFirst.{name}Attribute",
                    predicate: static (node, _) => node is ClassDeclarationSyntax or RecordDeclarationSyntax,
                    transform: (attributeContext, _) => OrphanClassAttribute(attributeContext, name))
                .Where(static diagnostic => diagnostic is not null)
                .WithTrackingName(TrackingNames.OrphanClassAttributes);
            context.RegisterSourceOutput(orphans, static (spc, diagnostic) => spc.ReportDiagnostic(diagnostic!.ToDiagnostic()));
        }
    }

    private static DiagnosticInfo? OrphanClassAttribute(GeneratorAttributeSyntaxContext context, string name)
    {
        if (context.TargetSymbol.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == "CodeFirst.DagAttribute")) return null;
        var attribute = context.Attributes[0].ApplicationSyntaxReference?.GetSyntax();
        return new DiagnosticInfo(
            DiagnosticDescriptors.AuthoringAttributeOutsideDag,
            LocationInfo.From(attribute),
            new[] { context.TargetSymbol.Name, name }.ToEquatableArray());
    }
}
