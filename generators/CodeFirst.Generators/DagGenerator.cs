using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using CodeFirst.Generators.Model;

namespace CodeFirst.Generators;

/// <summary>
/// Turns every <c>[Dag]</c> class into a static <c>DagDefinition</c> with typed task invokers, and the
/// assembly's DAGs into one registry. Diagnostics travel as their own output, apart from the source.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed partial class DagGenerator : IIncrementalGenerator
{
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var parsed = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                "CodeFirst.DagAttribute",
                predicate: static (node, _) => node is ClassDeclarationSyntax or RecordDeclarationSyntax,
                transform: Parser.Parse)
            .WithTrackingName(TrackingNames.Parse);

        var diagnostics = parsed
            .SelectMany(static (result, _) => result.Diagnostics)
            .WithTrackingName(TrackingNames.Diagnostics);
        context.RegisterSourceOutput(diagnostics, static (spc, diagnostic) => spc.ReportDiagnostic(diagnostic.ToDiagnostic()));

        var specs = parsed
            .Where(static result => result.Spec is not null)
            .Select(static (result, _) => result.Spec!)
            .WithTrackingName(TrackingNames.Specs);
        context.RegisterSourceOutput(specs, Emitter.EmitDag);

        var registry = specs
            .Select(static (spec, _) => new RegistryEntry(spec.DagId, spec.FullyQualifiedName, spec.Family is not null))
            .Collect()
            .Select(static (entries, _) => entries.ToEquatableArray())
            .WithTrackingName(TrackingNames.Registry);
        context.RegisterSourceOutput(registry, Emitter.EmitRegistry);

        var identities = parsed
            .SelectMany(static (result, _) => result.Identity is null ? result.FamilyIdentities : result.FamilyIdentities.Prepend(result.Identity))
            .Collect()
            .Select(static (all, _) => all.ToEquatableArray())
            .WithTrackingName(TrackingNames.DagIds);
        context.RegisterSourceOutput(identities, Emitter.ReportDuplicateDagIds);

        var orphanTasks = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                "CodeFirst.TaskAttribute",
                predicate: static (node, _) => node is MethodDeclarationSyntax,
                transform: Parser.ParseTaskOutsideDag)
            .Where(static diagnostic => diagnostic is not null)
            .WithTrackingName(TrackingNames.OrphanTasks);
        context.RegisterSourceOutput(orphanTasks, static (spc, diagnostic) => spc.ReportDiagnostic(diagnostic!.ToDiagnostic()));

        InitializeOrphanClassAttributes(context);
    }
}
