namespace CodeFirst.Watchers;

/// <summary>A watcher of <paramref name="Uri"/>, registered with <see cref="AssetWatcherServiceCollectionExtensions.AddAssetWatcher"/>.</summary>
/// <param name="Name">Unique across the application; the lease (and the message ids' namespace) is per name.</param>
public sealed record AssetWatcherRegistration(string Name, string Uri, Func<IServiceProvider, AssetWatcher> Create);
