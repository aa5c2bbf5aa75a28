using Microsoft.Data.Sqlite;

namespace CodeFirst.Runtime.Storage.Sqlite;

public sealed partial class SqliteStore
{
    private const string ProcessColumns =
        "id, role, hostname, pid, queues, concurrency, started_at, last_heartbeat, heartbeat_interval_ms, running_tasks, running_triggers, stopped_at";

    public async Task RecordProcessAsync(ProcessRecord process, CancellationToken cancellationToken)
    {
        await using var lease = await WriteAsync(cancellationToken);
        await using var command = Command(lease.Connection, $"""
            INSERT OR REPLACE INTO processes ({ProcessColumns})
            VALUES ($id, $role, $host, $pid, $queues, $concurrency, $started, $heartbeat, $interval, $tasks, $triggers, $stopped);
            """);
        command.Parameters.AddWithValue("$id", process.Id);
        command.Parameters.AddWithValue("$role", process.Role);
        command.Parameters.AddWithValue("$host", process.Hostname);
        command.Parameters.AddWithValue("$pid", process.Pid);
        command.Parameters.AddWithValue("$queues", (object?)ProcessQueues.ToDb(process.Queues) ?? DBNull.Value);
        command.Parameters.AddWithValue("$concurrency", process.Concurrency);
        command.Parameters.AddWithValue("$started", DbTime.ToDb(process.StartedAt));
        command.Parameters.AddWithValue("$heartbeat", DbTime.ToDb(process.LastHeartbeat));
        command.Parameters.AddWithValue("$interval", (long)process.HeartbeatInterval.TotalMilliseconds);
        command.Parameters.AddWithValue("$tasks", process.RunningTasks);
        command.Parameters.AddWithValue("$triggers", process.RunningTriggers);
        command.Parameters.AddWithValue("$stopped", DbTime.ToDb(process.StoppedAt));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<bool> MarkProcessStoppedAsync(string id, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var lease = await WriteAsync(cancellationToken);
        await using var command = Command(lease.Connection, "UPDATE processes SET stopped_at = $now, running_tasks = 0, running_triggers = 0 WHERE id = $id;");
        command.Parameters.AddWithValue("$id", id);
        command.Parameters.AddWithValue("$now", DbTime.ToDb(now));
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task<IReadOnlyList<ProcessRecord>> ListProcessesAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Command(connection, $"SELECT {ProcessColumns} FROM processes ORDER BY role, id;");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var processes = new List<ProcessRecord>();
        while (await reader.ReadAsync(cancellationToken))
        {
            processes.Add(new ProcessRecord(
                reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt32(3),
                ProcessQueues.FromDb(reader.IsDBNull(4) ? null : reader.GetString(4)), reader.GetInt32(5),
                DbTime.FromDb(reader.GetInt64(6)), DbTime.FromDb(reader.GetInt64(7)), TimeSpan.FromMilliseconds(reader.GetInt64(8)),
                reader.GetInt32(9), reader.GetInt32(10), reader.IsDBNull(11) ? null : DbTime.FromDb(reader.GetInt64(11))));
        }
        return processes;
    }

    public async Task<int> PruneProcessesAsync(DateTimeOffset heartbeatBefore, CancellationToken cancellationToken)
    {
        await using var lease = await WriteAsync(cancellationToken);
        await using var command = Command(lease.Connection, "DELETE FROM processes WHERE last_heartbeat < $before;");
        command.Parameters.AddWithValue("$before", DbTime.ToDb(heartbeatBefore));
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<QueueDepth>> ListQueueDepthsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Command(connection, """
            SELECT queue, SUM(state = 'queued'), SUM(state = 'running'), SUM(state = 'deferred')
            FROM task_instances WHERE state IN ('queued', 'running', 'deferred')
            GROUP BY queue ORDER BY queue;
            """);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var depths = new List<QueueDepth>();
        while (await reader.ReadAsync(cancellationToken))
            depths.Add(new QueueDepth(reader.GetString(0), reader.GetInt32(1), reader.GetInt32(2), reader.GetInt32(3)));
        return depths;
    }
}
