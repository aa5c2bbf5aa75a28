using Microsoft.CodeAnalysis;

namespace CodeFirst.Generators;

/// <summary>The framework and CodeFirst types the parser recognises, looked up once per DAG.</summary>
internal sealed class KnownTypes(Compilation compilation)
{
    public INamedTypeSymbol? TaskAttribute { get; } = compilation.GetTypeByMetadataName("CodeFirst.TaskAttribute");
    public INamedTypeSymbol? FromTaskAttribute { get; } = compilation.GetTypeByMetadataName("CodeFirst.FromTaskAttribute");
    public INamedTypeSymbol? TaskContext { get; } = compilation.GetTypeByMetadataName("CodeFirst.TaskContext");
    public INamedTypeSymbol? CancellationToken { get; } = compilation.GetTypeByMetadataName("System.Threading.CancellationToken");
    public INamedTypeSymbol? Logger { get; } = compilation.GetTypeByMetadataName("Microsoft.Extensions.Logging.ILogger");
    public INamedTypeSymbol? TypedLogger { get; } = compilation.GetTypeByMetadataName("Microsoft.Extensions.Logging.ILogger`1");
    public INamedTypeSymbol? Task { get; } = compilation.GetTypeByMetadataName("System.Threading.Tasks.Task");
    public INamedTypeSymbol? TaskOfT { get; } = compilation.GetTypeByMetadataName("System.Threading.Tasks.Task`1");
    public INamedTypeSymbol? ValueTask { get; } = compilation.GetTypeByMetadataName("System.Threading.Tasks.ValueTask");
    public INamedTypeSymbol? ValueTaskOfT { get; } = compilation.GetTypeByMetadataName("System.Threading.Tasks.ValueTask`1");
    public INamedTypeSymbol? CallbackContext { get; } = compilation.GetTypeByMetadataName("CodeFirst.CallbackContext");
    public INamedTypeSymbol? BranchAttribute { get; } = compilation.GetTypeByMetadataName("CodeFirst.BranchAttribute");
    public INamedTypeSymbol? ShortCircuitAttribute { get; } = compilation.GetTypeByMetadataName("CodeFirst.ShortCircuitAttribute");
    public INamedTypeSymbol? SensorAttribute { get; } = compilation.GetTypeByMetadataName("CodeFirst.SensorAttribute");
    public INamedTypeSymbol? SensorResult { get; } = compilation.GetTypeByMetadataName("CodeFirst.SensorResult");
    public INamedTypeSymbol? SensorResultOfT { get; } = compilation.GetTypeByMetadataName("CodeFirst.SensorResult`1");
    public INamedTypeSymbol? TaskGroupAttribute { get; } = compilation.GetTypeByMetadataName("CodeFirst.TaskGroupAttribute");
    public INamedTypeSymbol? DagInstanceAttribute { get; } = compilation.GetTypeByMetadataName("CodeFirst.DagInstanceAttribute");
    public INamedTypeSymbol? DagFamilyAttribute { get; } = compilation.GetTypeByMetadataName("CodeFirst.DagFamilyAttribute");
    public INamedTypeSymbol? Enumerable { get; } = compilation.GetTypeByMetadataName("System.Collections.Generic.IEnumerable`1");
    public INamedTypeSymbol? AsyncEnumerable { get; } = compilation.GetTypeByMetadataName("System.Collections.Generic.IAsyncEnumerable`1");

    public static bool Is(ITypeSymbol? type, INamedTypeSymbol? known) =>
        known is not null && type is not null && SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, known);
}
