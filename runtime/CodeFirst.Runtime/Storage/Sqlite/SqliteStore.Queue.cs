using Microsoft.Data.Sqlite;

namespace CodeFirst.Runtime.Storage.Sqlite;

public sealed partial class SqliteStore
{
    public async Task<IReadOnlyList<ClaimedTask>> ClaimAsync(string worker, int max, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken cancellationToken)
    {
        if (max <= 0) return [];
        await using var lease = await WriteAsync(cancellationToken);
        var connection = lease.Connection;
        await using var tx = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await using var claim = Command(connection, """
            UPDATE task_instances
            SET state = 'running', try_number = try_number + 1, worker_id = $worker, lease_until = $lease,
                start_date = $now, end_date = NULL, ready_at = NULL
            WHERE id IN (
                SELECT id FROM task_instances
                -- Written so SQLite can walk ix_task_instances_queue instead of scanning and sorting the table.
                WHERE state IN ('queued', 'up_for_retry') AND (state = 'queued' OR ready_at <= $now)
                ORDER BY priority_weight DESC, queued_at, id
                LIMIT $max)
            RETURNING id;
            """, tx);
        claim.Parameters.AddWithValue("$worker", worker);
        claim.Parameters.AddWithValue("$lease", DbTime.ToDb(leaseUntil));
        claim.Parameters.AddWithValue("$now", DbTime.ToDb(now));
        claim.Parameters.AddWithValue("$max", max);
        var ids = new List<long>();
        await using (var reader = await claim.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken)) ids.Add(reader.GetInt64(0));
        }
        if (ids.Count == 0) return [];

        await using var details = Command(connection, $"""
            SELECT ti.id, ti.run_pk, ti.dag_id, ti.run_id, ti.task_id, ti.try_number, ti.max_tries,
                   r.logical_date, r.data_interval_start, r.data_interval_end, r.conf
            FROM task_instances ti JOIN dag_runs r ON r.id = ti.run_pk
            WHERE ti.id IN ({string.Join(',', ids)})
            ORDER BY ti.priority_weight DESC, ti.queued_at, ti.id;
            """, tx);
        var claimed = new List<ClaimedTask>(ids.Count);
        await using (var reader = await details.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                claimed.Add(new ClaimedTask(
                    reader.GetInt64(0), reader.GetInt64(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                    reader.GetInt32(5), reader.GetInt32(6),
                    DbTime.FromDb(reader.GetInt64(7)), DbTime.FromDb(reader.GetInt64(8)), DbTime.FromDb(reader.GetInt64(9)),
                    reader.GetString(10)));
            }
        }
        await tx.CommitAsync(cancellationToken);
        return claimed;
    }

    public async Task<DateTimeOffset?> NextRetryDueAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Command(connection, "SELECT MIN(ready_at) FROM task_instances WHERE state = 'up_for_retry';");
        return await command.ExecuteScalarAsync(cancellationToken) is long micros ? DbTime.FromDb(micros) : null;
    }

    public async Task HeartbeatAsync(string worker, IReadOnlyCollection<long> taskInstanceIds, DateTimeOffset leaseUntil, CancellationToken cancellationToken)
    {
        if (taskInstanceIds.Count == 0) return;
        await using var lease = await WriteAsync(cancellationToken);
        await using var command = Command(lease.Connection,
            $"UPDATE task_instances SET lease_until = $lease WHERE worker_id = $worker AND state = 'running' AND id IN ({string.Join(',', taskInstanceIds)});");
        command.Parameters.AddWithValue("$worker", worker);
        command.Parameters.AddWithValue("$lease", DbTime.ToDb(leaseUntil));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<(long RunPk, string TaskId, string Worker)>> ListExpiredLeasesAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Command(connection,
            "SELECT run_pk, task_id, worker_id FROM task_instances WHERE state = 'running' AND lease_until < $now;");
        command.Parameters.AddWithValue("$now", DbTime.ToDb(now));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var expired = new List<(long, string, string)>();
        while (await reader.ReadAsync(cancellationToken))
            expired.Add((reader.GetInt64(0), reader.GetString(1), reader.IsDBNull(2) ? "" : reader.GetString(2)));
        return expired;
    }
}
