using CodeFirst.Definitions;
using CodeFirst.Proto.V1;
using CodeFirst.Runtime.Engine;
using CodeFirst.Runtime.Scheduling;
using CodeFirst.Runtime.Storage;
using Google.Protobuf.WellKnownTypes;

namespace CodeFirst.Server.ControlPlane.Mapping;

/// <summary>A loaded DAG plus its stored row as control-plane messages.</summary>
internal static class DagMapper
{
    public static Dag ToProto(LoadedDag dag, DagRecord? record, DateTimeOffset now)
    {
        var definition = dag.Definition;
        var message = new Dag
        {
            DagId = dag.DagId,
            Description = definition.Description ?? "",
            IsPaused = record?.IsPaused ?? definition.IsPausedUponCreation,
            Schedule = definition.Schedule ?? "",
            TimetableSummary = dag.Timetable.Summary,
            Timezone = definition.Timezone,
            Catchup = definition.Catchup,
            MaxActiveRuns = definition.MaxActiveRuns,
            StartDate = ProtoTime.ToProto(dag.Restriction.Earliest),
            EndDate = ProtoTime.ToProto(dag.Restriction.Latest),
            TaskCount = definition.Tasks.Count,
            NextRun = NextRun(dag, record, now),
        };
        message.Tags.AddRange(definition.Tags);
        return message;
    }

    public static DagTask ToProto(DagDefinition dag, TaskDefinition task)
    {
        var message = new DagTask
        {
            TaskId = task.TaskId,
            TriggerRule = SnakeCase(task.TriggerRule.ToString()),
            Retries = task.Retries,
            RetryDelay = Duration.FromTimeSpan(task.RetryDelay),
            ReturnType = task.ReturnType ?? "",
        };
        message.UpstreamTaskIds.AddRange(task.Upstream);
        message.DownstreamTaskIds.AddRange(dag.Downstream(task.TaskId));
        message.XcomInputs.AddRange(task.XComInputs);
        return message;
    }

    public static IEnumerable<DagEdge> Edges(DagDefinition dag) =>
        dag.Tasks.SelectMany(t => t.Upstream.Select(u => new DagEdge { SourceTaskId = u, TargetTaskId = t.TaskId, Xcom = t.XComInputs.Contains(u) }));

    /// <summary>The params schema with conf names (snake_case) and JSON Schema type names.</summary>
    public static IEnumerable<Proto.V1.DagParam> Params(DagDefinition dag) =>
        (dag.Params?.Properties ?? []).Select(p => new Proto.V1.DagParam
        {
            Name = ParamsJson.ConfName(p.Name),
            Type = p.Kind.ToString().ToLowerInvariant(),
            Required = p.Required,
            Nullable = p.Nullable,
            DefaultJson = p.DefaultJson ?? "",
        });

    private static NextDagRun? NextRun(LoadedDag dag, DagRecord? record, DateTimeOffset now)
    {
        DataInterval? last = record is { LastAutomatedIntervalStart: { } start, LastAutomatedIntervalEnd: { } end } ? new DataInterval(start, end) : null;
        return dag.Timetable.Upcoming(last, dag.Restriction, now, 1).FirstOrDefault() is { } next
            ? new NextDagRun
            {
                LogicalDate = ProtoTime.ToProto(next.LogicalDate),
                DataIntervalStart = ProtoTime.ToProto(next.DataInterval.Start),
                DataIntervalEnd = ProtoTime.ToProto(next.DataInterval.End),
                RunAfter = ProtoTime.ToProto(next.RunAfter),
            }
            : null;
    }

    private static string SnakeCase(string name) =>
        string.Concat(name.Select((c, i) => char.IsUpper(c) ? (i > 0 ? "_" : "") + char.ToLowerInvariant(c) : c.ToString()));
}
