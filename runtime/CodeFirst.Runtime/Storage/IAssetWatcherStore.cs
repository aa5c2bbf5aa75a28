namespace CodeFirst.Runtime.Storage;

/// <summary>
/// The leases of asset watchers: each registered watcher has a row that one triggerer at a time
/// holds, renewed by heartbeat; a dead triggerer's watchers are claimed by another once the lease
/// has run out. Their messages are recorded with <see cref="IAssetStore.RecordAssetEventAsync"/>.
/// </summary>
public interface IAssetWatcherStore
{
    /// <summary>
    /// Adds rows for watchers never seen, then claims those of <paramref name="watchers"/> that no triggerer
    /// holds or whose lease ran out; returns the names claimed.
    /// </summary>
    Task<IReadOnlyList<string>> ClaimWatchersAsync(string triggerer, IReadOnlyList<(string Name, string Uri)> watchers, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken cancellationToken);

    /// <summary>Extends the leases of the named watchers still held by <paramref name="triggerer"/>; returns the names it still holds.</summary>
    Task<IReadOnlyCollection<string>> HeartbeatWatchersAsync(string triggerer, IReadOnlyCollection<string> names, DateTimeOffset leaseUntil, CancellationToken cancellationToken);

    /// <summary>Gives the named watchers up (a clean stop), so another triggerer takes them at once.</summary>
    Task ReleaseWatchersAsync(string triggerer, IReadOnlyCollection<string> names, CancellationToken cancellationToken);
}
