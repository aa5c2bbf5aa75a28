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
        store.CreateRunAsync(NewRun(dag, DagRunType.Scheduled, RunIdFor(DagRunType.Scheduled, info.LogicalDate), info.LogicalDate, info.DataInterval, "{}"),
            time.GetUtcNow(), cancellationToken);

    /// <summary>
    /// A manual run (<c>dags trigger</c>). Without a logical date it is now; its data interval is
    /// what the timetable infers for that moment. Conf must be a JSON object.
    /// </summary>
    public async Task<DagRunRecord> TriggerAsync(LoadedDag dag, string? conf, DateTimeOffset? logicalDate, string? runId, CancellationToken cancellationToken)
    {
        var normalizedConf = NormalizeConf(conf);
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
