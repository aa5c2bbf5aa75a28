using CodeFirst.Definitions;
using CodeFirst.Runtime.Scheduling;

namespace CodeFirst.Runtime.Engine;

/// <summary>The DAGs this process can run, each with its parsed timetable (Airflow's DagBag).</summary>
public sealed class DagBag
{
    private readonly Dictionary<string, LoadedDag> _dags;

    public DagBag(IEnumerable<DagDefinition> dags)
    {
        _dags = new Dictionary<string, LoadedDag>(StringComparer.Ordinal);
        foreach (var dag in dags)
        {
            if (!_dags.TryAdd(dag.DagId, LoadedDag.Load(dag)))
                throw new InvalidOperationException($"Two DAGs have the id '{dag.DagId}'.");
        }
    }

    public IReadOnlyCollection<LoadedDag> Dags => _dags.Values;

    public LoadedDag? Find(string dagId) => _dags.GetValueOrDefault(dagId);

    public LoadedDag Get(string dagId) =>
        Find(dagId) ?? throw new DagNotFoundException(dagId, _dags.Keys);
}

/// <summary>A DAG with what the scheduler derives from it once.</summary>
public sealed record LoadedDag(DagDefinition Definition, ITimetable Timetable, TimeRestriction Restriction, IReadOnlyList<string> TopologicalOrder)
{
    public string DagId => Definition.DagId;

    /// <summary>The asset condition of an asset-scheduled DAG; null for every other schedule.</summary>
    public Assets.AssetCondition? Assets => (Timetable as AssetTimetable)?.Condition;

    public static LoadedDag Load(DagDefinition dag)
    {
        ITimetable timetable;
        try
        {
            timetable = Timetables.Create(dag.Schedule, dag.Timezone);
        }
        catch (ScheduleFormatException e)
        {
            throw new InvalidOperationException($"DAG '{dag.DagId}': {e.Message}", e);
        }
        var earliest = dag.StartDate is { } start ? DagTime.ToUtc(start, dag.Timezone) : (DateTimeOffset?)null;
        var latest = dag.EndDate is { } end ? DagTime.ToUtc(end, dag.Timezone) : (DateTimeOffset?)null;
        return new LoadedDag(dag, timetable, new TimeRestriction(earliest, latest, dag.Catchup), DagGraph.TopologicalOrder(dag));
    }
}
