namespace CodeFirst.Samples.IotAlerts;

/// <summary>Where alerts go: the alerts queue in production, a file when no queue is configured.</summary>
public interface IAlertPublisher
{
    Task PublishAsync(Alert alert, CancellationToken cancellationToken);
}
