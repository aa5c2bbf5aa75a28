using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using CodeFirst.Generators.Diagnostics;
using CodeFirst.Generators.Model;

namespace CodeFirst.Generators;

public sealed partial class DagGenerator
{
    /// <summary>Turns one <c>[Dag]</c> class into a <see cref="DagParseResult"/>; all symbol work happens here.</summary>
    internal sealed partial class Parser
    {
        private static readonly SymbolDisplayFormat TypeFormat = SymbolDisplayFormat.FullyQualifiedFormat
            .AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

        private readonly Compilation _compilation;
        private readonly KnownTypes _known;
        private readonly CancellationToken _cancellationToken;
        private readonly List<DiagnosticInfo> _diagnostics = [];

        // Set by any error after which the emitted code would not compile; value errors only drop the value.
        private bool _blocksEmit;

        private Parser(Compilation compilation, CancellationToken cancellationToken)
        {
            _compilation = compilation;
            _known = new KnownTypes(compilation);
            _cancellationToken = cancellationToken;
        }

        public static DagParseResult Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
        {
            var parser = new Parser(context.SemanticModel.Compilation, cancellationToken);
            return parser.ParseDag((INamedTypeSymbol)context.TargetSymbol, (TypeDeclarationSyntax)context.TargetNode, context.Attributes[0]);
        }

        private DagParseResult ParseDag(INamedTypeSymbol type, TypeDeclarationSyntax syntax, AttributeData attribute)
        {
            CheckClassShape(type, syntax);
            var settings = ReadDagSettings(attribute);
            var defaults = ReadTaskDefaults(attribute);
            var dagExecution = ReadDagExecution(type, attribute);
            var constructor = ReadConstructor(type);
            ReadGroupDeclarations(type);
            var tasks = CollectTasks(type, defaults);
            var taskSpecs = ReadMapping(tasks, ReadOutlets(tasks, BindTasks(tasks)));
            var familyIdentities = new List<DagIdentity>();
            var family = ReadFamily(type, settings, familyIdentities);

            // A family's own [Dag] id names the family; only its members' ids are registered.
            var identity = family is null ? new DagIdentity(settings.DagId, type.ToDisplayString(), settings.DagIdLocation) : null;
            var diagnostics = _diagnostics.ToEquatableArray();
            if (_blocksEmit) return new DagParseResult(null, diagnostics, identity) { FamilyIdentities = familyIdentities.ToEquatableArray() };

            var spec = new DagSpec(
                Namespace: type.ContainingNamespace.IsGlobalNamespace ? null : type.ContainingNamespace.ToDisplayString(),
                ContainingTypes: ContainingTypeDeclarations(type),
                TypeKeyword: TypeKeyword(type),
                ClassName: type.Name,
                FullyQualifiedName: type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat),
                HintName: HintName(type),
                DagId: settings.DagId,
                Schedule: settings.Schedule,
                StartDate: settings.StartDate,
                EndDate: settings.EndDate,
                Timezone: settings.Timezone,
                Catchup: settings.Catchup,
                MaxActiveRuns: settings.MaxActiveRuns,
                Tags: settings.Tags.ToEquatableArray(),
                Description: settings.Description,
                ConstructorParameters: constructor,
                Tasks: taskSpecs,
                Execution: dagExecution)
            {
                IsPausedUponCreation = settings.IsPausedUponCreation,
                DagRunTimeoutTicks = settings.DagRunTimeoutTicks,
                Params = settings.Params,
                Doc = DocComments.Summary(syntax),
                Family = family,
            };
            return new DagParseResult(spec, diagnostics, identity) { FamilyIdentities = familyIdentities.ToEquatableArray() };
        }

        private void CheckClassShape(INamedTypeSymbol type, TypeDeclarationSyntax syntax)
        {
            if (!syntax.Modifiers.Any(SyntaxKind.PartialKeyword))
            {
                Report(DiagnosticDescriptors.NotPartial, LocationInfo.From(syntax.Identifier), type.Name);
            }
            for (var outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
            {
                var outerSyntax = outer.DeclaringSyntaxReferences
                    .Select(r => r.GetSyntax(_cancellationToken)).OfType<TypeDeclarationSyntax>().ToList();
                if (outerSyntax.Count > 0 && !outerSyntax.Any(s => s.Modifiers.Any(SyntaxKind.PartialKeyword)))
                {
                    Report(DiagnosticDescriptors.NotPartial, LocationInfo.From(outerSyntax[0].Identifier), outer.Name);
                }
            }

            var problem = ClassShapeProblem(type);
            if (problem is not null)
            {
                Report(DiagnosticDescriptors.UnsupportedDagClass, LocationInfo.From(syntax.Identifier), type.Name, problem);
            }
        }

        private static string? ClassShapeProblem(INamedTypeSymbol type)
        {
            if (type.TypeParameters.Length > 0) return "A DAG class cannot be generic";
            if (type.IsAbstract && !type.IsStatic) return "A DAG class cannot be abstract, because each task invocation creates an instance";
            if (type.IsFileLocal) return "A DAG class cannot be file-local, because the assembly's DAG registry must reach it";
            for (var outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
            {
                if (outer.TypeParameters.Length > 0) return $"It is nested in the generic type '{outer.Name}'";
            }
            for (var current = type; current is not null; current = current.ContainingType)
            {
                if (current.DeclaredAccessibility is Accessibility.Private or Accessibility.Protected or Accessibility.ProtectedAndInternal)
                    return $"'{current.Name}' is {SyntaxFacts.GetText(current.DeclaredAccessibility)}, but the assembly's DAG registry must reach the class; make it internal or public";
            }
            return null;
        }

        private TypeRef ToTypeRef(ITypeSymbol type)
        {
            var plain = type.IsReferenceType ? type.WithNullableAnnotation(NullableAnnotation.NotAnnotated) : type;
            return new TypeRef(plain.ToDisplayString(TypeFormat), type.ToDisplayString(TypeFormat));
        }

        private void Report(DiagnosticDescriptor descriptor, LocationInfo? location, params string[] args)
        {
            _diagnostics.Add(new DiagnosticInfo(descriptor, location, args.ToEquatableArray()));
            if (!IsValueOnly(descriptor)) _blocksEmit = true;
        }

        private static bool IsValueOnly(DiagnosticDescriptor descriptor) =>
            descriptor == DiagnosticDescriptors.InvalidSchedule
            || descriptor == DiagnosticDescriptors.InvalidDate
            || descriptor == DiagnosticDescriptors.InvalidDuration
            || descriptor == DiagnosticDescriptors.InvalidId
            || descriptor == DiagnosticDescriptors.InvalidNumber
            || descriptor == DiagnosticDescriptors.InvalidTaskName
            || descriptor == DiagnosticDescriptors.ContinuousNeedsOneActiveRun
            || descriptor == DiagnosticDescriptors.InvalidAssetSchedule
            || descriptor == DiagnosticDescriptors.UnsupportedParams
            || descriptor == DiagnosticDescriptors.InvalidOutlet
            || descriptor == DiagnosticDescriptors.InvalidFamilyParams
            || descriptor == DiagnosticDescriptors.DuplicateFamilyEntry;
    }
}
