using CodeFirst.Watchers;
using Microsoft.Extensions.DependencyInjection;

namespace CodeFirst.Samples.IotAlerts;

/// <summary>
/// The pipeline's wiring. Readings are per-event: each one is its own run, never collapsed with
/// others. With a queue database (a PostgreSQL connection string; Program.cs passes
/// <c>IOT_QUEUE_DB</c>) the triggerer watches the readings queue and alerts go to the alerts queue;
/// without one, readings are posted with <c>assets emit</c> and alerts are written to a file.
/// </summary>
public static class IotAlertsSetup
{
    public static IServiceCollection AddIotAlerts(this IServiceCollection services, string? queueDatabase)
    {
        services.AddAssetRunMode(IotAssets.Readings, AssetRunMode.PerEvent);
        if (queueDatabase is not { Length: > 0 } db)
            return services.AddSingleton<IAlertPublisher, FileAlertPublisher>();
        services.AddAssetWatcher(IotAssets.Readings, "iot-readings", _ => new PostgresQueueWatcher(new PostgresQueue(db, IotAssets.ReadingsQueue)));
        return services.AddSingleton<IAlertPublisher>(new QueueAlertPublisher(new PostgresQueue(db, IotAssets.AlertsQueue)));
    }
}
