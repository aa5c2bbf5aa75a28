namespace CodeFirst.Definitions;

/// <summary>
/// A <see cref="DagBuilder"/> found mistakes the generator would have reported for a <c>[Dag]</c>
/// class; each error starts with that diagnostic's id (docs/diagnostics/CFxxxx.md explains it).
/// </summary>
public sealed class DagBuildException(string dagId, IReadOnlyList<string> errors)
    : InvalidOperationException($"DAG '{dagId}' is invalid:{string.Concat(errors.Select(e => Environment.NewLine + "  " + e))}")
{
    public string DagId { get; } = dagId;

    public IReadOnlyList<string> Errors { get; } = errors;
}
