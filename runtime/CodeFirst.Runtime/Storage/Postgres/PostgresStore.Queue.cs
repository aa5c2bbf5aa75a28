namespace CodeFirst.Runtime.Storage.Postgres;

public sealed partial class PostgresStore
{
    public async Task<IReadOnlyList<ClaimedTask>> ClaimAsync(string worker, int max, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken cancellationToken)
    {
        if (max <= 0) return [];
        // One statement: rows another claimer has locked are skipped, not waited for, and a row
        // that changed after our snapshot is re-checked against the WHERE before it is taken.
        await using var claim = _data.CreateCommand("""
            WITH picked AS (
                SELECT id FROM task_instances
                WHERE state IN ('queued', 'up_for_retry') AND (state = 'queued' OR ready_at <= @now)
                ORDER BY priority_weight DESC, queued_at, id
                LIMIT @max
                FOR UPDATE SKIP LOCKED
            ), claimed AS (
                UPDATE task_instances ti
                SET state = 'running', try_number = ti.try_number + 1, worker_id = @worker, lease_until = @lease,
                    start_date = @now, end_date = NULL, ready_at = NULL
                FROM picked
                WHERE ti.id = picked.id
                RETURNING ti.id, ti.run_pk, ti.dag_id, ti.run_id, ti.task_id, ti.try_number, ti.max_tries, ti.priority_weight, ti.queued_at
            )
            SELECT c.id, c.run_pk, c.dag_id, c.run_id, c.task_id, c.try_number, c.max_tries,
                   r.logical_date, r.data_interval_start, r.data_interval_end, r.conf
            FROM claimed c JOIN dag_runs r ON r.id = c.run_pk
            ORDER BY c.priority_weight DESC, c.queued_at, c.id;
            """);
        claim.Parameters.AddWithValue("worker", worker);
        claim.Parameters.AddWithValue("max", max);
        claim.Parameters.AddTime("now", now);
        claim.Parameters.AddTime("lease", leaseUntil);
        await using var reader = await claim.ExecuteReaderAsync(cancellationToken);
        var claimed = new List<ClaimedTask>();
        while (await reader.ReadAsync(cancellationToken))
        {
            claimed.Add(new ClaimedTask(
                reader.GetInt64(0), reader.GetInt64(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                reader.GetInt32(5), reader.GetInt32(6),
                reader.GetTime(7), reader.GetTime(8), reader.GetTime(9),
                reader.GetString(10)));
        }
        return claimed;
    }

    public async Task<DateTimeOffset?> NextRetryDueAsync(CancellationToken cancellationToken)
    {
        await using var command = _data.CreateCommand("SELECT MIN(ready_at) FROM task_instances WHERE state = 'up_for_retry';");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? reader.GetTimeOrNull(0) : null;
    }

    public async Task HeartbeatAsync(string worker, IReadOnlyCollection<long> taskInstanceIds, DateTimeOffset leaseUntil, CancellationToken cancellationToken)
    {
        if (taskInstanceIds.Count == 0) return;
        await using var command = _data.CreateCommand(
            "UPDATE task_instances SET lease_until = @lease WHERE worker_id = @worker AND state = 'running' AND id = ANY(@ids);");
        command.Parameters.AddWithValue("worker", worker);
        command.Parameters.AddWithValue("ids", taskInstanceIds.ToArray());
        command.Parameters.AddTime("lease", leaseUntil);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<(long RunPk, string TaskId, string Worker)>> ListExpiredLeasesAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = _data.CreateCommand(
            "SELECT run_pk, task_id, worker_id FROM task_instances WHERE state = 'running' AND lease_until < @now ORDER BY id;");
        command.Parameters.AddTime("now", now);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var expired = new List<(long, string, string)>();
        while (await reader.ReadAsync(cancellationToken))
            expired.Add((reader.GetInt64(0), reader.GetString(1), reader.GetStringOrNull(2) ?? ""));
        return expired;
    }
}
