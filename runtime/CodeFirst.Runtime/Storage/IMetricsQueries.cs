namespace CodeFirst.Runtime.Storage;

/// <summary>The database-wide figures <c>/metrics</c> reports as gauges; one cheap aggregate read.</summary>
public interface IMetricsQueries
{
    /// <summary>Queued and running task instances by queue and pool, and the triggers a live triggerer holds at <paramref name="now"/>.</summary>
    Task<ActiveCounts> CountActiveAsync(DateTimeOffset now, CancellationToken cancellationToken);
}
