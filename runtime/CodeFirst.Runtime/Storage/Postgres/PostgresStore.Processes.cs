using Npgsql;

namespace CodeFirst.Runtime.Storage.Postgres;

public sealed partial class PostgresStore
{
    private const string ProcessColumns =
        "id, role, hostname, pid, queues, concurrency, started_at, last_heartbeat, heartbeat_interval_ms, running_tasks, running_triggers, stopped_at";

    public async Task RecordProcessAsync(ProcessRecord process, CancellationToken cancellationToken)
    {
        await using var command = _data.CreateCommand($"""
            INSERT INTO processes ({ProcessColumns})
            VALUES (@id, @role, @host, @pid, @queues, @concurrency, @started, @heartbeat, @interval, @tasks, @triggers, @stopped)
            ON CONFLICT (id) DO UPDATE SET role = excluded.role, hostname = excluded.hostname, pid = excluded.pid, queues = excluded.queues,
                concurrency = excluded.concurrency, started_at = excluded.started_at, last_heartbeat = excluded.last_heartbeat,
                heartbeat_interval_ms = excluded.heartbeat_interval_ms, running_tasks = excluded.running_tasks,
                running_triggers = excluded.running_triggers, stopped_at = excluded.stopped_at;
            """);
        command.Parameters.AddText("id", process.Id);
        command.Parameters.AddText("role", process.Role);
        command.Parameters.AddText("host", process.Hostname);
        command.Parameters.AddWithValue("pid", process.Pid);
        command.Parameters.AddText("queues", ProcessQueues.ToDb(process.Queues));
        command.Parameters.AddWithValue("concurrency", process.Concurrency);
        command.Parameters.AddTime("started", process.StartedAt);
        command.Parameters.AddTime("heartbeat", process.LastHeartbeat);
        command.Parameters.AddWithValue("interval", (long)process.HeartbeatInterval.TotalMilliseconds);
        command.Parameters.AddWithValue("tasks", process.RunningTasks);
        command.Parameters.AddWithValue("triggers", process.RunningTriggers);
        command.Parameters.AddTime("stopped", process.StoppedAt);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<bool> MarkProcessStoppedAsync(string id, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = _data.CreateCommand("UPDATE processes SET stopped_at = @now, running_tasks = 0, running_triggers = 0 WHERE id = @id;");
        command.Parameters.AddText("id", id);
        command.Parameters.AddTime("now", now);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task<IReadOnlyList<ProcessRecord>> ListProcessesAsync(CancellationToken cancellationToken)
    {
        await using var command = _data.CreateCommand($"""SELECT {ProcessColumns} FROM processes ORDER BY role COLLATE "C", id COLLATE "C";""");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var processes = new List<ProcessRecord>();
        while (await reader.ReadAsync(cancellationToken))
        {
            processes.Add(new ProcessRecord(
                reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt32(3),
                ProcessQueues.FromDb(reader.GetStringOrNull(4)), reader.GetInt32(5),
                reader.GetTime(6), reader.GetTime(7), TimeSpan.FromMilliseconds(reader.GetInt64(8)),
                reader.GetInt32(9), reader.GetInt32(10), reader.GetTimeOrNull(11)));
        }
        return processes;
    }

    public async Task<int> PruneProcessesAsync(DateTimeOffset heartbeatBefore, CancellationToken cancellationToken)
    {
        await using var command = _data.CreateCommand("DELETE FROM processes WHERE last_heartbeat < @before;");
        command.Parameters.AddTime("before", heartbeatBefore);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<QueueDepth>> ListQueueDepthsAsync(CancellationToken cancellationToken)
    {
        await using var command = _data.CreateCommand("""
            SELECT queue, count(*) FILTER (WHERE state = 'queued')::integer, count(*) FILTER (WHERE state = 'running')::integer,
                   count(*) FILTER (WHERE state = 'deferred')::integer
            FROM task_instances WHERE state IN ('queued', 'running', 'deferred')
            GROUP BY queue ORDER BY queue COLLATE "C";
            """);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var depths = new List<QueueDepth>();
        while (await reader.ReadAsync(cancellationToken))
            depths.Add(new QueueDepth(reader.GetString(0), reader.GetInt32(1), reader.GetInt32(2), reader.GetInt32(3)));
        return depths;
    }
}
