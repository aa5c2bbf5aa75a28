namespace CodeFirst.Runtime.Storage.Sqlite;

public sealed partial class SqliteStore : IMetricsQueries
{
    public async Task<ActiveCounts> CountActiveAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Command(connection, """
            SELECT queue, pool, state, COUNT(*) FROM task_instances WHERE state IN ('queued', 'running') GROUP BY queue, pool, state;
            SELECT COUNT(*) FROM triggers WHERE triggerer_id IS NOT NULL AND lease_until > $now;
            """);
        command.Parameters.AddWithValue("$now", DbTime.ToDb(now));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await ActiveCounts.ReadAsync(reader, cancellationToken);
    }
}
