using CodeFirst.Definitions;
using CodeFirst.Proto.V1;

namespace CodeFirst.Server.Cli.Graphs;

/// <summary>What a graph rendering needs of a DAG: its tasks (in declaration order) with their groups, and its edges.</summary>
internal sealed record GraphView(string DagId, IReadOnlyList<GraphTask> Tasks, IReadOnlyList<GraphEdge> Edges)
{
    public static GraphView From(DagDefinition dag, Func<TaskDefinition, string?>? groupOf = null)
    {
        groupOf ??= TaskGroups.Of;
        return new GraphView(
            dag.DagId,
            dag.Tasks.Select(t => new GraphTask(t.TaskId, NormalizeGroup(groupOf(t)))).ToArray(),
            EdgesOf(dag.Tasks.Select(t => (t.TaskId, (IEnumerable<string>)t.Upstream))));
    }

    /// <summary>A DAG as the server describes it (for DAGs this process does not have); the server sends no groups.</summary>
    public static GraphView From(GetDagResponse response) => new(
        response.Dag.DagId,
        response.Tasks.Select(t => new GraphTask(t.TaskId, null)).ToArray(),
        EdgesOf(response.Tasks.Select(t => (t.TaskId, (IEnumerable<string>)t.UpstreamTaskIds))));

    private static GraphEdge[] EdgesOf(IEnumerable<(string TaskId, IEnumerable<string> Upstream)> tasks) =>
        tasks.SelectMany(t => t.Upstream.Select(u => new GraphEdge(u, t.TaskId)))
            .Distinct()
            .OrderBy(e => e.From, StringComparer.Ordinal).ThenBy(e => e.To, StringComparer.Ordinal)
            .ToArray();

    private static string? NormalizeGroup(string? group) => string.IsNullOrWhiteSpace(group) ? null : group.Trim('.');
}

internal sealed record GraphTask(string TaskId, string? Group)
{
    /// <summary>The id without its group prefix, as a group box shows it (<c>ingestion.read</c> reads <c>read</c>).</summary>
    public string Label => Group is not null && TaskId.StartsWith(Group + ".", StringComparison.Ordinal) ? TaskId[(Group.Length + 1)..] : TaskId;
}

internal sealed record GraphEdge(string From, string To);
