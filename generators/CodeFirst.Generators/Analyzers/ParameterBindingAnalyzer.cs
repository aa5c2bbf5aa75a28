using System.Collections.Immutable;
using CodeFirst.Generators.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace CodeFirst.Generators.Analyzers;

/// <summary>
/// CF0090: a task parameter that binds to no task (so it would be resolved from DI and fail at run
/// time) but whose name is a typo of a task, or whose type is exactly one task's return type.
/// A shape rule about one method, so an analyzer rather than the generator; the code fixes rename
/// the parameter or add <c>[FromTask]</c> from the properties it reports.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ParameterBindingAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [DiagnosticDescriptors.ParameterLooksLikeUpstream];

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            var known = new KnownTypes(start.Compilation);
            var dagAttribute = start.Compilation.GetTypeByMetadataName("CodeFirst.DagAttribute");
            if (dagAttribute is null || known.TaskAttribute is null) return;
            start.RegisterSymbolAction(symbol => AnalyzeType(symbol, known, dagAttribute), SymbolKind.NamedType);
        });
    }

    private static void AnalyzeType(SymbolAnalysisContext context, KnownTypes known, INamedTypeSymbol dagAttribute)
    {
        var type = (INamedTypeSymbol)context.Symbol;
        if (!type.GetAttributes().Any(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, dagAttribute))) return;
        var tasks = type.GetMembers().OfType<IMethodSymbol>()
            .Select(m => (Method: m, Attribute: m.GetAttributes().FirstOrDefault(a => IsTaskAttribute(a.AttributeClass, known))))
            .Where(t => t.Attribute is not null)
            .Select(t => new TaskInfo(t.Method, TaskId(t.Method, t.Attribute!), ResultType(t.Method.ReturnType, known)))
            .ToList();
        foreach (var task in tasks)
        {
            foreach (var parameter in task.Method.Parameters)
            {
                if (BindsWithoutDi(parameter, tasks, known)) continue;
                if (Suggest(parameter, task, tasks, context.Compilation) is { } suggestion) context.ReportDiagnostic(suggestion);
            }
        }
    }

    private static Diagnostic? Suggest(IParameterSymbol parameter, TaskInfo owner, List<TaskInfo> tasks, Compilation compilation)
    {
        // Only a task whose value the parameter could take: binding it elsewhere would just trade this for CF0004/CF0005.
        var others = tasks.Where(t => !SymbolEqualityComparer.Default.Equals(t.Method, owner.Method)
            && t.ResultType is not null && compilation.HasImplicitConversion(t.ResultType, parameter.Type)).ToList();
        var byName = others
            .Where(t => NameDistance.IsTypo(parameter.Name, t.Method.Name) || NameDistance.IsTypo(parameter.Name, t.TaskId))
            .OrderBy(t => Math.Min(NameDistance.Between(parameter.Name, t.Method.Name), NameDistance.Between(parameter.Name, t.TaskId)))
            .ToList();
        var byType = others.Where(t => SymbolEqualityComparer.Default.Equals(t.ResultType, parameter.Type)).ToList();
        var upstream = byName.FirstOrDefault() ?? (byType.Count == 1 ? byType[0] : null);
        if (upstream is null) return null;

        var suggested = CamelCase(upstream.Method.Name);
        var properties = ImmutableDictionary<string, string?>.Empty.Add(DiagnosticProperties.UpstreamMethod, upstream.Method.Name);
        // A rename only helps when the name was a typo; a parameter picked by type keeps its name and gets [FromTask].
        if (byName.Count > 0 && !owner.Method.Parameters.Any(p => p.Name == suggested)) properties = properties.Add(DiagnosticProperties.SuggestedName, suggested);
        var location = parameter.Locations.FirstOrDefault() ?? Location.None;
        return Diagnostic.Create(DiagnosticDescriptors.ParameterLooksLikeUpstream, location, properties,
            parameter.Name, owner.TaskId, upstream.TaskId, suggested, upstream.Method.Name);
    }

    /// <summary>Parameters the generator binds without DI: [FromTask], injected types, or named after a task.</summary>
    private static bool BindsWithoutDi(IParameterSymbol parameter, List<TaskInfo> tasks, KnownTypes known)
    {
        if (parameter.GetAttributes().Any(a => KnownTypes.Is(a.AttributeClass, known.FromTaskAttribute))) return true;
        var type = parameter.Type;
        if (KnownTypes.Is(type, known.TaskContext) || KnownTypes.Is(type, known.CancellationToken)
            || KnownTypes.Is(type, known.Logger) || KnownTypes.Is(type, known.TypedLogger)) return true;
        return tasks.Any(t => string.Equals(t.TaskId, parameter.Name, StringComparison.OrdinalIgnoreCase)
            || string.Equals(t.Method.Name, parameter.Name, StringComparison.OrdinalIgnoreCase));
    }

    private static bool IsTaskAttribute(INamedTypeSymbol? attribute, KnownTypes known)
    {
        for (var type = attribute; type is not null; type = type.BaseType)
        {
            if (KnownTypes.Is(type, known.TaskAttribute)) return true;
        }
        return false;
    }

    private static string TaskId(IMethodSymbol method, AttributeData attribute) =>
        attribute.NamedArguments.FirstOrDefault(a => a.Key == "Id").Value.Value as string ?? SnakeCase.Convert(method.Name);

    /// <summary>The value a task passes downstream: T of T, Task&lt;T&gt; or ValueTask&lt;T&gt;; null for void, Task and ValueTask.</summary>
    private static ITypeSymbol? ResultType(ITypeSymbol returnType, KnownTypes known)
    {
        if (returnType.SpecialType == SpecialType.System_Void || KnownTypes.Is(returnType, known.Task) || KnownTypes.Is(returnType, known.ValueTask)) return null;
        if ((KnownTypes.Is(returnType, known.TaskOfT) || KnownTypes.Is(returnType, known.ValueTaskOfT)) && returnType is INamedTypeSymbol generic)
            return generic.TypeArguments[0];
        return returnType;
    }

    private static string CamelCase(string name) => name.Length == 0 ? name : char.ToLowerInvariant(name[0]) + name.Substring(1);

    private sealed record TaskInfo(IMethodSymbol Method, string TaskId, ITypeSymbol? ResultType);
}
