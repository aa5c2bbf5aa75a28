using Microsoft.Data.Sqlite;

namespace CodeFirst.Runtime.Storage.Sqlite;

public sealed partial class SqliteStore
{
    public async Task<SensorProgress> BeginPokeAsync(long taskInstanceId, int tryNumber, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var lease = await WriteAsync(cancellationToken);
        await using var command = Command(lease.Connection, """
            UPDATE task_instances SET
                first_poke_at = CASE WHEN first_poke_try = $try THEN first_poke_at ELSE $now END,
                poke_count = CASE WHEN first_poke_try = $try THEN poke_count + 1 ELSE 1 END,
                first_poke_try = $try
            WHERE id = $id
            RETURNING first_poke_at, poke_count;
            """);
        command.Parameters.AddWithValue("$id", taskInstanceId);
        command.Parameters.AddWithValue("$try", tryNumber);
        command.Parameters.AddWithValue("$now", DbTime.ToDb(now));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken)) throw new InvalidOperationException($"Task instance {taskInstanceId} does not exist.");
        return new SensorProgress(DbTime.FromDb(reader.GetInt64(0)), reader.GetInt32(1));
    }

    public async Task<bool> RescheduleAsync(long taskInstanceId, string worker, DateTimeOffset readyAt, IReadOnlyList<LogLine> log, DateTimeOffset now, CancellationToken cancellationToken) =>
        await SuspendAsync(taskInstanceId, worker, "up_for_reschedule", readyAt, null, log, now, cancellationToken);

    public async Task<bool> DeferAsync(long taskInstanceId, string worker, NewTrigger trigger, IReadOnlyList<LogLine> log, DateTimeOffset now, CancellationToken cancellationToken) =>
        await SuspendAsync(taskInstanceId, worker, "deferred", null, trigger, log, now, cancellationToken);

    // The try number goes back by one so the claim that resumes the instance gives it the same try
    // (its log continues, its retries are not spent) — Airflow 2 does the same on reschedule and defer.
    private async Task<bool> SuspendAsync(long id, string worker, string state, DateTimeOffset? readyAt, NewTrigger? trigger, IReadOnlyList<LogLine> log, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var lease = await WriteAsync(cancellationToken);
        var connection = lease.Connection;
        await using var tx = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await using var move = Command(connection, """
            UPDATE task_instances SET state = $state, ready_at = $ready, try_number = try_number - 1, worker_id = NULL, lease_until = NULL
            WHERE id = $id AND state = 'running' AND worker_id = $worker
            RETURNING run_pk, task_id, try_number + 1, map_index;
            """, tx);
        move.Parameters.AddWithValue("$state", state);
        move.Parameters.AddWithValue("$ready", DbTime.ToDb(readyAt));
        move.Parameters.AddWithValue("$id", id);
        move.Parameters.AddWithValue("$worker", worker);
        long runPk;
        string taskId;
        int tryNumber;
        int mapIndex;
        await using (var reader = await move.ExecuteReaderAsync(cancellationToken))
        {
            if (!await reader.ReadAsync(cancellationToken)) return false;
            (runPk, taskId, tryNumber, mapIndex) = (reader.GetInt64(0), reader.GetString(1), reader.GetInt32(2), reader.GetInt32(3));
        }
        if (trigger is not null)
        {
            await using var insert = Command(connection, """
                INSERT INTO triggers (task_instance_id, kind, arguments, created_at, timeout_at) VALUES ($id, $kind, $arguments, $now, $timeout)
                ON CONFLICT (task_instance_id) DO UPDATE SET kind = excluded.kind, arguments = excluded.arguments, created_at = excluded.created_at,
                    timeout_at = excluded.timeout_at, triggerer_id = NULL, lease_until = NULL;
                """, tx);
            insert.Parameters.AddWithValue("$id", id);
            insert.Parameters.AddWithValue("$kind", trigger.Kind);
            insert.Parameters.AddWithValue("$arguments", trigger.Arguments);
            insert.Parameters.AddWithValue("$now", DbTime.ToDb(now));
            insert.Parameters.AddWithValue("$timeout", DbTime.ToDb(trigger.TimeoutAt));
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }
        await InsertLogLinesAsync(connection, tx, [new TaskLogChunk(runPk, taskId, mapIndex, tryNumber, log)], cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return true;
    }

    public async Task<IReadOnlyList<TriggerRecord>> ClaimTriggersAsync(string triggerer, int max, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken cancellationToken)
    {
        if (max <= 0) return [];
        await using var lease = await WriteAsync(cancellationToken);
        var connection = lease.Connection;
        await using var tx = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await using (var orphans = Command(connection, """
            DELETE FROM triggers WHERE NOT EXISTS (
                SELECT 1 FROM task_instances ti WHERE ti.id = triggers.task_instance_id AND ti.state = 'deferred');
            """, tx))
        {
            await orphans.ExecuteNonQueryAsync(cancellationToken);
        }
        await using var claim = Command(connection, """
            UPDATE triggers SET triggerer_id = $triggerer, lease_until = $lease
            WHERE id IN (SELECT id FROM triggers WHERE triggerer_id IS NULL OR lease_until < $now ORDER BY id LIMIT $max)
            RETURNING id;
            """, tx);
        claim.Parameters.AddWithValue("$triggerer", triggerer);
        claim.Parameters.AddWithValue("$lease", DbTime.ToDb(leaseUntil));
        claim.Parameters.AddWithValue("$now", DbTime.ToDb(now));
        claim.Parameters.AddWithValue("$max", max);
        var ids = new List<long>();
        await using (var reader = await claim.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken)) ids.Add(reader.GetInt64(0));
        }
        var claimed = new List<TriggerRecord>(ids.Count);
        if (ids.Count > 0)
        {
            await using var details = Command(connection, $"""
                SELECT t.id, t.task_instance_id, ti.dag_id, ti.run_id, ti.task_id, t.kind, t.arguments, t.created_at, t.timeout_at
                FROM triggers t JOIN task_instances ti ON ti.id = t.task_instance_id
                WHERE t.id IN ({string.Join(',', ids)}) ORDER BY t.id;
                """, tx);
            await using var reader = await details.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                claimed.Add(new TriggerRecord(reader.GetInt64(0), reader.GetInt64(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                    reader.GetString(5), reader.GetString(6), DbTime.FromDb(reader.GetInt64(7)), reader.IsDBNull(8) ? null : DbTime.FromDb(reader.GetInt64(8))));
            }
        }
        await tx.CommitAsync(cancellationToken);
        return claimed;
    }

    public async Task<IReadOnlyCollection<long>> HeartbeatTriggersAsync(string triggerer, IReadOnlyCollection<long> triggerIds, DateTimeOffset leaseUntil, CancellationToken cancellationToken)
    {
        if (triggerIds.Count == 0) return [];
        await using var lease = await WriteAsync(cancellationToken);
        await using var command = Command(lease.Connection,
            $"UPDATE triggers SET lease_until = $lease WHERE triggerer_id = $triggerer AND id IN ({string.Join(',', triggerIds)}) RETURNING id;");
        command.Parameters.AddWithValue("$triggerer", triggerer);
        command.Parameters.AddWithValue("$lease", DbTime.ToDb(leaseUntil));
        var held = new List<long>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) held.Add(reader.GetInt64(0));
        return held;
    }

    public async Task<bool> FireTriggerAsync(long triggerId, string eventJson, DateTimeOffset now, CancellationToken cancellationToken) =>
        (await FireTriggersAsync([new TriggerFiring(triggerId, eventJson)], now, cancellationToken)).Contains(triggerId);

    /// <summary>One write transaction for the whole batch; the two statements are prepared once and rerun per trigger.</summary>
    public async Task<IReadOnlySet<long>> FireTriggersAsync(IReadOnlyList<TriggerFiring> firings, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var fired = new HashSet<long>();
        if (firings.Count == 0) return fired;
        await using var lease = await WriteAsync(cancellationToken);
        var connection = lease.Connection;
        await using var tx = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await using var fire = Command(connection, """
            UPDATE task_instances SET state = 'queued', queued_at = $now, trigger_event = $event, trigger_event_try = try_number + 1
            WHERE id = (SELECT task_instance_id FROM triggers WHERE id = $trigger) AND state = 'deferred';
            """, tx);
        fire.Parameters.AddWithValue("$now", DbTime.ToDb(now));
        var eventParameter = fire.Parameters.Add("$event", SqliteType.Text);
        var fireTrigger = fire.Parameters.Add("$trigger", SqliteType.Integer);
        await using var delete = Command(connection, "DELETE FROM triggers WHERE id = $trigger;", tx);
        var deleteTrigger = delete.Parameters.Add("$trigger", SqliteType.Integer);
        foreach (var firing in firings)
        {
            eventParameter.Value = firing.EventJson;
            fireTrigger.Value = firing.TriggerId;
            if (await fire.ExecuteNonQueryAsync(cancellationToken) == 1) fired.Add(firing.TriggerId);
            deleteTrigger.Value = firing.TriggerId;
            await delete.ExecuteNonQueryAsync(cancellationToken);
        }
        await tx.CommitAsync(cancellationToken);
        return fired;
    }
}
