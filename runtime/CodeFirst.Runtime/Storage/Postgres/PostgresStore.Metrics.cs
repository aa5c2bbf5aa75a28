namespace CodeFirst.Runtime.Storage.Postgres;

public sealed partial class PostgresStore : IMetricsQueries
{
    public async Task<ActiveCounts> CountActiveAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = _data.CreateCommand("""
            SELECT queue, pool, state, COUNT(*)::integer FROM task_instances WHERE state IN ('queued', 'running') GROUP BY queue, pool, state;
            SELECT COUNT(*)::integer FROM triggers WHERE triggerer_id IS NOT NULL AND lease_until > @now;
            """);
        command.Parameters.AddTime("now", now);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await ActiveCounts.ReadAsync(reader, cancellationToken);
    }
}
