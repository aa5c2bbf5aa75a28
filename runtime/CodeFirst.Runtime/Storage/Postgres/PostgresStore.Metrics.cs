using CodeFirst.Runtime.State;

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
        var tasks = new List<ActiveTaskCount>();
        while (await reader.ReadAsync(cancellationToken))
            tasks.Add(new ActiveTaskCount(reader.GetString(0), reader.GetString(1), StateNames.ParseTaskState(reader.GetString(2)), reader.GetInt32(3)));
        await reader.NextResultAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new ActiveCounts(tasks, reader.GetInt32(0));
    }
}
