using CodeFirst.Runtime.Engine;
using CodeFirst.Runtime.Storage;

namespace CodeFirst.Runtime.Scheduling;

/// <summary>Answers <c>dags next-execution</c> from the DAG's timetable and its last automated run in the store.</summary>
public sealed class NextExecutions(IDagStore store, DagBag dags, TimeProvider time)
{
    /// <summary>
    /// The next <paramref name="count"/> runs the scheduler would create, each as if the one before had
    /// been created; fewer (or none) when the schedule ends, is manual-only or is asset-driven.
    /// </summary>
    public async Task<IReadOnlyList<NextExecution>> ListAsync(string dagId, int count, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var dag = dags.Get(dagId);
        var record = await store.GetDagAsync(dagId, cancellationToken);
        DataInterval? last = record is { LastAutomatedIntervalStart: { } s, LastAutomatedIntervalEnd: { } e } ? new(s, e) : null;
        var zone = TimeZones.Resolve(dag.Definition.Timezone);
        return dag.Timetable.Upcoming(last, dag.Restriction, time.GetUtcNow(), count)
            .Select(info => new NextExecution(
                info.LogicalDate, info.DataInterval.Start, info.DataInterval.End, info.RunAfter, dag.Definition.Timezone,
                TimeZoneInfo.ConvertTime(info.LogicalDate, zone), TimeZoneInfo.ConvertTime(info.DataInterval.Start, zone),
                TimeZoneInfo.ConvertTime(info.DataInterval.End, zone), TimeZoneInfo.ConvertTime(info.RunAfter, zone)))
            .ToArray();
    }
}
