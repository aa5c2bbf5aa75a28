using CodeFirst.Runtime.Engine;
using CodeFirst.Runtime.Storage;

namespace CodeFirst.Runtime.Assets;

/// <summary>
/// Assets in <see cref="CodeFirst.Watchers.AssetRunMode.PerEvent"/> mode: each queued event of such
/// an asset becomes a run of its own, consuming only that event, for every DAG whose schedule that
/// asset alone satisfies (a single asset, or one side of an <c>|</c>). Under an <c>&amp;</c> the
/// asset's events wait for the other sides and are collapsed into one run, as usual.
/// </summary>
internal sealed class PerEventRuns(IReadOnlySet<string> perEventUris, RunFactory runs)
{
    /// <summary>Creates the per-event runs; returns the events left for the collapsing rule and the runs created.</summary>
    public async Task<(IReadOnlyList<AssetEventRecord> Remaining, IReadOnlyList<DagRunRecord> Created)> CreateAsync(
        LoadedDag dag, AssetCondition condition, IAssetStore assets, IReadOnlyList<AssetEventRecord> queued, CancellationToken cancellationToken)
    {
        if (perEventUris.Count == 0) return (queued, []);
        var rest = new List<AssetEventRecord>();
        var created = new List<DagRunRecord>();
        var attempts = 0;
        foreach (var assetEvent in queued)
        {
            if (!perEventUris.Contains(assetEvent.Uri) || !condition.Evaluate(new HashSet<string>(StringComparer.Ordinal) { assetEvent.Uri }))
            {
                rest.Add(assetEvent);
                continue;
            }
            // Null: another scheduler consumed the event first (or this instant's logical date was taken): it is not ours to retry now.
            if (await runs.CreateAssetTriggeredAsync(dag, assets, [assetEvent], cancellationToken, TimeSpan.FromTicks(10 * attempts++)) is { } run)
                created.Add(run);
        }
        return (rest, created);
    }
}
