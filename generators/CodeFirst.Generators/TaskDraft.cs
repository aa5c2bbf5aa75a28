using Microsoft.CodeAnalysis;
using CodeFirst.Generators.Model;

namespace CodeFirst.Generators;

/// <summary>
/// A task while the parser is still resolving it: holds symbols, so it never leaves the parser.
/// <see cref="TaskSpec"/> is what survives.
/// </summary>
internal sealed class TaskDraft(IMethodSymbol method, string id)
{
    public IMethodSymbol Method { get; } = method;
    public string Id { get; } = id;
    public bool IsSupported { get; set; } = true;
    public bool IsAsync { get; set; }

    /// <summary>The return type after unwrapping Task/ValueTask; null when the task returns nothing.</summary>
    public ITypeSymbol? ResultType { get; set; }

    /// <summary>For a sensor, what downstream tasks receive: T of SensorResult&lt;T&gt;, or null (bool, SensorResult).</summary>
    public (ITypeSymbol? Type, bool IsSensor) SensorValue { get; set; }
    public string ReturnDescription { get; set; } = "void";
    public int? Retries { get; set; }
    public long? RetryDelayTicks { get; set; }
    public string? TriggerRule { get; set; }
    public List<(string Reference, LocationInfo? Location)> After { get; } = [];
    public LocationInfo? IdentifierLocation { get; set; }
    public List<int> UpstreamIndices { get; } = [];
    public TaskExecutionDraft Execution { get; } = new();
    public string? Group { get; set; }
    public string? Doc { get; set; }

    /// <summary>Set by <c>MultipleOutputs = true</c>, or by a downstream parameter bound to one of its keys.</summary>
    public bool MultipleOutputs { get; set; }
    public LocationInfo? MultipleOutputsLocation { get; set; }
}
