using CodeFirst.Runtime.Storage;

namespace CodeFirst.Runtime.Assets;

/// <summary>
/// Asset events from outside (<c>assets emit</c>): an external system says an asset was updated and
/// asset-scheduled DAGs react as if a task outlet had produced it.
/// </summary>
public sealed class AssetEvents(IAssetStore store, Action wakeScheduler, TimeProvider time)
{
    /// <summary>Records an event for <paramref name="uri"/>; <paramref name="payloadJson"/> must be a JSON object (or null for {}).</summary>
    public async Task<AssetEventRecord> EmitAsync(string uri, string? payloadJson, CancellationToken cancellationToken)
    {
        AssetUris.Validate(uri);
        var payload = Engine.RunFactory.NormalizeConf(payloadJson);
        var recorded = await store.RecordAssetEventAsync(new NewAssetEvent(uri, payload), time.GetUtcNow(), cancellationToken);
        wakeScheduler();
        return recorded;
    }

    /// <summary>Events, newest first, of one URI or all.</summary>
    public Task<IReadOnlyList<AssetEventRecord>> ListAsync(string? uri, int limit, CancellationToken cancellationToken) =>
        store.ListAssetEventsAsync(uri, limit, cancellationToken);
}
