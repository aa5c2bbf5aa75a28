using CodeFirst.Definitions;
using CodeFirst.Runtime.Scheduling;

namespace CodeFirst.Runtime.Engine;

/// <summary>The DAGs this process can run, each with its parsed timetable (Airflow's DagBag).</summary>
public sealed class DagBag
{
    private readonly Dictionary<string, LoadedDag> _dags;

    /// <param name="maxMapLength">The engine-wide limit on a mapped task's instances (<see cref="EngineOptions.MaxMapLength"/>).</param>
    public DagBag(IEnumerable<DagDefinition> dags, int maxMapLength = LoadedDag.DefaultMaxMapLength)
    {
        if (maxMapLength < 1) throw new ArgumentOutOfRangeException(nameof(maxMapLength), maxMapLength, "MaxMapLength must be at least 1.");
        _dags = new Dictionary<string, LoadedDag>(StringComparer.Ordinal);
        foreach (var dag in dags)
        {
            if (!_dags.TryAdd(dag.DagId, LoadedDag.Load(dag) with { MaxMapLength = maxMapLength }))
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

    /// <summary>Airflow's default <c>max_map_length</c>.</summary>
    public const int DefaultMaxMapLength = 1024;

    /// <summary>The engine-wide limit on a mapped task's instances; a task's own <c>MaxMapLength</c> wins.</summary>
    public int MaxMapLength { get; init; } = DefaultMaxMapLength;

    /// <summary>The limit that applies to <paramref name="task"/>.</summary>
    public int MapLimit(TaskDefinition task) => task.MaxMapLength ?? MaxMapLength;

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
