using System.Diagnostics.Metrics;
using CodeFirst.Runtime.State;
using CodeFirst.Runtime.Storage;

namespace CodeFirst.Runtime.Diagnostics;

/// <summary>
/// Database-wide gauges (meter "CodeFirst", its own instance): queued and running task instances per
/// queue and pool, and triggers being run. They come from one aggregate query whose result is
/// cached for <c>maxAge</c>, so frequent scrapes (or several exporters) cost at most one query per
/// period. A queue/pool pair seen once keeps reporting, as 0 when it empties, so series do not vanish.
/// </summary>
public sealed class ActiveWorkGauges : IDisposable
{
    private readonly IMetricsQueries _queries;
    private readonly TimeProvider _time;
    private readonly TimeSpan _maxAge;
    private readonly SemaphoreSlim _refreshing = new(1, 1);
    private readonly HashSet<(string Queue, string Pool)> _seen = [];
    private volatile Snapshot _snapshot = new(new Dictionary<(string, string, TaskInstanceState), int>(), [], 0, null);

    public ActiveWorkGauges(IMetricsQueries queries, TimeProvider time, TimeSpan maxAge)
    {
        (_queries, _time, _maxAge) = (queries, time, maxAge);
        Meter = new Meter(CodeFirstMetrics.MeterName);
        Meter.CreateObservableGauge("codefirst_task_instances_queued", () => Measure(TaskInstanceState.Queued),
            description: "Queued task instances waiting for a worker, per queue and pool");
        Meter.CreateObservableGauge("codefirst_task_instances_running", () => Measure(TaskInstanceState.Running),
            description: "Running task instances, per queue and pool");
        Meter.CreateObservableGauge("codefirst_triggers_running", () => { RefreshIfStale(); return _snapshot.RunningTriggers; },
            description: "Triggers a live triggerer is running (deferred tasks waiting on them)");
    }

    /// <summary>The meter holding these gauges (an exporter can tell them from other engines' in the same process).</summary>
    public Meter Meter { get; }

    /// <summary>Re-reads the counts unless the cached ones are younger than the maximum age.</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        if (IsFresh()) return;
        await _refreshing.WaitAsync(cancellationToken);
        try
        {
            if (IsFresh()) return;
            var counts = await _queries.CountActiveAsync(_time.GetUtcNow(), cancellationToken);
            var byKey = counts.TaskInstances.ToDictionary(c => (c.Queue, c.Pool, c.State), c => c.Count);
            foreach (var c in counts.TaskInstances) _seen.Add((c.Queue, c.Pool));
            _snapshot = new Snapshot(byKey, [.. _seen], counts.RunningTriggers, _time.GetTimestamp());
        }
        finally
        {
            _refreshing.Release();
        }
    }

    public void Dispose()
    {
        Meter.Dispose();
        _refreshing.Dispose();
    }

    private bool IsFresh() => _snapshot.TakenAt is { } taken && _time.GetElapsedTime(taken) < _maxAge;

    private IEnumerable<Measurement<int>> Measure(TaskInstanceState state)
    {
        RefreshIfStale();
        var snapshot = _snapshot;
        return snapshot.Keys.Select(k => new Measurement<int>(snapshot.Counts.GetValueOrDefault((k.Queue, k.Pool, state)),
            new KeyValuePair<string, object?>("queue", k.Queue), new KeyValuePair<string, object?>("pool", k.Pool)));
    }

    // An exporter that collects without awaiting a refresh (OpenTelemetry) gets the cached figures and
    // starts the next read; /metrics awaits RefreshAsync first.
    private void RefreshIfStale()
    {
        if (IsFresh()) return;
        _ = Task.Run(async () =>
        {
            try
            {
                await RefreshAsync(CancellationToken.None);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // The database is away; the next collection tries again.
            }
        });
    }

    private sealed record Snapshot(IReadOnlyDictionary<(string Queue, string Pool, TaskInstanceState State), int> Counts,
        IReadOnlyList<(string Queue, string Pool)> Keys, int RunningTriggers, long? TakenAt);
}
