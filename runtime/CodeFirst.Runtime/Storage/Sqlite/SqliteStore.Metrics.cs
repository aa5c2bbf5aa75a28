using CodeFirst.Runtime.State;

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
        var tasks = new List<ActiveTaskCount>();
        while (await reader.ReadAsync(cancellationToken))
            tasks.Add(new ActiveTaskCount(reader.GetString(0), reader.GetString(1), StateNames.ParseTaskState(reader.GetString(2)), reader.GetInt32(3)));
        await reader.NextResultAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new ActiveCounts(tasks, reader.GetInt32(0));
    }
}
