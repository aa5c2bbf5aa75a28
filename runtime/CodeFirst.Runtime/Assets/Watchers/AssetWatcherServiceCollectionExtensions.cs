using CodeFirst.Runtime.Assets;
using Microsoft.Extensions.DependencyInjection;

namespace CodeFirst.Watchers;

/// <summary>
/// Declares asset watchers and per-event assets in the application's services
/// (<c>CodeFirstApp.RunAsync(args, services =&gt; services.AddAssetWatcher(…))</c>). Every role of the
/// application sees them: the triggerer runs the watchers, the scheduler applies the run mode.
/// </summary>
public static class AssetWatcherServiceCollectionExtensions
{
    /// <summary>
    /// Watches a queue with <paramref name="create"/>'s watcher: every message becomes an event of
    /// <paramref name="uri"/>. With <see cref="AssetRunMode.PerEvent"/> each event is its own run.
    /// </summary>
    public static IServiceCollection AddAssetWatcher(this IServiceCollection services, string uri, string name, Func<IServiceProvider, AssetWatcher> create, AssetRunMode mode = AssetRunMode.Collapse)
    {
        AssetUris.Validate(uri);
        if (string.IsNullOrWhiteSpace(name)) throw new ArgumentException("An asset watcher needs a non-empty name.", nameof(name));
        ArgumentNullException.ThrowIfNull(create);
        services.AddSingleton(new AssetWatcherRegistration(name, uri, create));
        if (mode != AssetRunMode.Collapse) services.AddAssetRunMode(uri, mode);
        return services;
    }

    /// <summary>Sets how DAGs scheduled on <paramref name="uri"/> consume its events, wherever they come from.</summary>
    public static IServiceCollection AddAssetRunMode(this IServiceCollection services, string uri, AssetRunMode mode)
    {
        AssetUris.Validate(uri);
        services.AddSingleton(new AssetRunModeRegistration(uri, mode));
        return services;
    }
}
