using System.Text.Json;
using CodeFirst.Definitions;
using CodeFirst.Runtime.State;
using CodeFirst.Runtime.Storage;

namespace CodeFirst.Runtime.Engine;

/// <summary>
/// What a finished [Branch] or [ShortCircuit] task decided to skip, kept as an XCom (Airflow's
/// <c>skipmixin_key</c>) so the decision still holds when its downstream tasks are cleared or the
/// run starts again: they are skipped again instead of running (Airflow's NotPreviouslySkippedDep).
/// A branch marked success without running has no decision and skips nothing.
/// </summary>
internal static class BranchDecisions
{
    public const string XComKey = "skipmixin_key";

    public static bool Decides(TaskDefinition task) => task.Kind is TaskKind.Branch or TaskKind.ShortCircuit;

    public static string Serialize(IReadOnlyCollection<string> skipped) =>
        JsonSerializer.Serialize(new Dictionary<string, IReadOnlyCollection<string>> { ["skipped"] = skipped });

    /// <summary>The tasks the run's succeeded branches and short circuits skip; no query for a DAG without them.</summary>
    public static async Task<IReadOnlyCollection<string>> RecordedSkipsAsync(
        ITaskRecords records, DagDefinition dag, long runPk, Func<string, TaskInstanceState> stateOf, CancellationToken cancellationToken)
    {
        var skipped = new HashSet<string>(StringComparer.Ordinal);
        foreach (var task in dag.Tasks.Where(Decides))
        {
            if (stateOf(task.TaskId) != TaskInstanceState.Success) continue;
            if (await records.GetXComAsync(runPk, task.TaskId, XComKey, cancellationToken) is not { } json) continue;
            using var document = JsonDocument.Parse(json);
            if (!document.RootElement.TryGetProperty("skipped", out var ids) || ids.ValueKind != JsonValueKind.Array) continue;
            skipped.UnionWith(ids.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!));
        }
        return skipped;
    }
}
