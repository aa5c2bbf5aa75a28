using System.Globalization;
using System.Text.Json;
using CodeFirst.Runtime.Scheduling;
using CodeFirst.Runtime.Storage;

namespace CodeFirst.Runtime.Engine;

/// <summary>Creates runs (scheduled and manual) with Airflow's run ids and data intervals.</summary>
public sealed class RunFactory(IStore store, TimeProvider time)
{
    /// <summary>Airflow's run id: <c>{type}__{logical date in ISO 8601}</c>.</summary>
    public static string RunIdFor(DagRunType type, DateTimeOffset logicalDate) =>
        $"{RunTypeNames.Name(type)}__{logicalDate.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFzzz", CultureInfo.InvariantCulture)}";

    public Task<DagRunRecord?> CreateScheduledAsync(LoadedDag dag, DagRunInfo info, CancellationToken cancellationToken) =>
        store.CreateRunAsync(NewRun(dag, DagRunType.Scheduled, RunIdFor(DagRunType.Scheduled, info.LogicalDate), info.LogicalDate, info.DataInterval, DefaultConf(dag)),
            time.GetUtcNow(), cancellationToken);

    /// <summary>A backfill run (<c>backfill__&lt;logical date&gt;</c>); null when the date already has a run.</summary>
    public Task<DagRunRecord?> CreateBackfillAsync(LoadedDag dag, DateTimeOffset logicalDate, DataInterval interval, string conf, CancellationToken cancellationToken) =>
        store.CreateRunAsync(NewRun(dag, DagRunType.Backfill, RunIdFor(DagRunType.Backfill, logicalDate), logicalDate, interval, conf), time.GetUtcNow(), cancellationToken);

    /// <summary>
    /// An asset-triggered run consuming <paramref name="events"/>: logical date now, data interval from
    /// the first to the last event (as Airflow 2 does), run id <c>asset_triggered__&lt;now&gt;</c>.
    /// <paramref name="offset"/> keeps the logical dates of runs created in one pass apart (per-event runs).
    /// </summary>
    public Task<DagRunRecord?> CreateAssetTriggeredAsync(LoadedDag dag, IAssetStore assets, IReadOnlyList<AssetEventRecord> events, CancellationToken cancellationToken, TimeSpan offset = default)
    {
        var now = time.GetUtcNow() + offset;
        var interval = new DataInterval(events.Min(e => e.CreatedAt), events.Max(e => e.CreatedAt));
        var run = NewRun(dag, DagRunType.AssetTriggered, RunIdFor(DagRunType.AssetTriggered, now), now, interval, DefaultConf(dag));
        return assets.CreateAssetTriggeredRunAsync(run, events.Select(e => e.Id).ToArray(), now, cancellationToken);
    }

    /// <summary>The conf a run gets when nobody gives one: the params type's defaults.</summary>
    public static string DefaultConf(LoadedDag dag)
    {
        try
        {
            return Params.ParamsValidator.Apply(dag.Definition.Params, "{}");
        }
        catch (ArgumentException)
        {
            return "{}"; // A params type with required fields: scheduled runs still run, as in Airflow.
        }
    }

    /// <summary>Checks <paramref name="conf"/> (a JSON object or null) against the DAG's params and merges the defaults in.</summary>
    public static string PrepareConf(LoadedDag dag, string? conf) => Params.ParamsValidator.Apply(dag.Definition.Params, NormalizeConf(conf));

    /// <summary>
    /// A manual run (<c>dags trigger</c>). Without a logical date it is now; its data interval is
    /// what the timetable infers for that moment. Conf must be a JSON object matching the DAG's params
    /// (an <see cref="ArgumentException"/> names the bad field); their defaults are merged in.
    /// Many manual runs may share a logical date; only the run id must be unique.
    /// </summary>
    public async Task<DagRunRecord> TriggerAsync(LoadedDag dag, string? conf, DateTimeOffset? logicalDate, string? runId, CancellationToken cancellationToken)
    {
        var normalizedConf = PrepareConf(dag, conf);
        var logical = logicalDate ?? time.GetUtcNow();
        var id = string.IsNullOrWhiteSpace(runId) ? RunIdFor(DagRunType.Manual, logical) : runId;
        var interval = dag.Timetable.InferManualDataInterval(logical);
        return await store.CreateRunAsync(NewRun(dag, DagRunType.Manual, id, logical, interval, normalizedConf), time.GetUtcNow(), cancellationToken)
            ?? throw new InvalidOperationException($"DAG '{dag.DagId}' already has a run with run id '{id}'.");
    }

    /// <summary>Checks conf is a JSON object and returns it compact; the message names the problem.</summary>
    public static string NormalizeConf(string? conf)
    {
        if (string.IsNullOrWhiteSpace(conf)) return "{}";
        try
        {
            using var document = JsonDocument.Parse(conf);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                throw new ArgumentException($"conf must be a JSON object, but it is a JSON {document.RootElement.ValueKind.ToString().ToLowerInvariant()}.");
            return JsonSerializer.Serialize(document.RootElement);
        }
        catch (JsonException e)
        {
            throw new ArgumentException($"conf is not valid JSON: {e.Message}", e);
        }
    }

    private static NewDagRun NewRun(LoadedDag dag, DagRunType type, string runId, DateTimeOffset logical, DataInterval interval, string conf) =>
        new(dag.DagId, runId, type, logical, interval.Start, interval.End, conf,
            PriorityWeights.NewTaskInstances(dag.Definition));
}
