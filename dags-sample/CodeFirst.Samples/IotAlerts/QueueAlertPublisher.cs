using CodeFirst.Watchers;

namespace CodeFirst.Samples.IotAlerts;

/// <summary>Publishes alerts to a PostgreSQL queue (the same kind the readings arrive on), for whatever pages the on-call engineer.</summary>
public sealed class QueueAlertPublisher(PostgresQueue queue) : IAlertPublisher
{
    public async Task PublishAsync(Alert alert, CancellationToken cancellationToken)
    {
        await queue.EnsureCreatedAsync(cancellationToken);
        await queue.PublishAsync(XComJson.Serialize(alert), cancellationToken);
    }
}
