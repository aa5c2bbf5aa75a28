using Npgsql;
using NpgsqlTypes;

namespace CodeFirst.Runtime.Storage.Postgres;

public sealed partial class PostgresStore
{
    public async Task<SensorProgress> BeginPokeAsync(long taskInstanceId, int tryNumber, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = _data.CreateCommand("""
            UPDATE task_instances SET
                first_poke_at = CASE WHEN first_poke_try = @try THEN first_poke_at ELSE @now END,
                poke_count = CASE WHEN first_poke_try = @try THEN poke_count + 1 ELSE 1 END,
                first_poke_try = @try
            WHERE id = @id
            RETURNING first_poke_at, poke_count;
            """);
        command.Parameters.AddWithValue("id", taskInstanceId);
        command.Parameters.AddWithValue("try", tryNumber);
        command.Parameters.AddTime("now", now);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken)) throw new InvalidOperationException($"Task instance {taskInstanceId} does not exist.");
        return new SensorProgress(reader.GetTime(0), reader.GetInt32(1));
    }

    public async Task<bool> RescheduleAsync(long taskInstanceId, string worker, DateTimeOffset readyAt, IReadOnlyList<LogLine> log, DateTimeOffset now, CancellationToken cancellationToken) =>
        await SuspendAsync(taskInstanceId, worker, "up_for_reschedule", readyAt, null, log, now, cancellationToken);

    public async Task<bool> DeferAsync(long taskInstanceId, string worker, NewTrigger trigger, IReadOnlyList<LogLine> log, DateTimeOffset now, CancellationToken cancellationToken) =>
        await SuspendAsync(taskInstanceId, worker, "deferred", null, trigger, log, now, cancellationToken);

    // The try number goes back by one so the claim that resumes the instance gives it the same try
    // (its log continues, its retries are not spent) — Airflow 2 does the same on reschedule and defer.
    private async Task<bool> SuspendAsync(long id, string worker, string state, DateTimeOffset? readyAt, NewTrigger? trigger, IReadOnlyList<LogLine> log, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await _data.OpenConnectionAsync(cancellationToken);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
        await using var move = new NpgsqlCommand("""
            UPDATE task_instances SET state = @state, ready_at = @ready, try_number = try_number - 1, worker_id = NULL, lease_until = NULL
            WHERE id = @id AND state = 'running' AND worker_id = @worker
            RETURNING run_pk, task_id, try_number + 1, map_index;
            """, connection, tx);
        move.Parameters.AddText("state", state);
        move.Parameters.AddTime("ready", readyAt);
        move.Parameters.AddWithValue("id", id);
        move.Parameters.AddText("worker", worker);
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
            await using var insert = new NpgsqlCommand("""
                INSERT INTO triggers (task_instance_id, kind, arguments, created_at, timeout_at) VALUES (@id, @kind, @arguments, @now, @timeout)
                ON CONFLICT (task_instance_id) DO UPDATE SET kind = excluded.kind, arguments = excluded.arguments, created_at = excluded.created_at,
                    timeout_at = excluded.timeout_at, triggerer_id = NULL, lease_until = NULL;
                """, connection, tx);
            insert.Parameters.AddWithValue("id", id);
            insert.Parameters.AddText("kind", trigger.Kind);
            insert.Parameters.AddText("arguments", trigger.Arguments);
            insert.Parameters.AddTime("now", now);
            insert.Parameters.AddTime("timeout", trigger.TimeoutAt);
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }
        if (AppendLogsCommand([new TaskLogChunk(runPk, taskId, mapIndex, tryNumber, log)]) is { } append)
        {
            await using var batch = new NpgsqlBatch(connection, tx);
            batch.BatchCommands.Add(append);
            await batch.ExecuteNonQueryAsync(cancellationToken);
        }
        // A rescheduled sensor is claimable later; idle workers learn its due time from their next poll.
        await tx.CommitAsync(cancellationToken);
        return true;
    }

    public async Task<IReadOnlyList<TriggerRecord>> ClaimTriggersAsync(string triggerer, int max, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken cancellationToken)
    {
        if (max <= 0) return [];
        await using var connection = await _data.OpenConnectionAsync(cancellationToken);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
        await ExecAsync(connection, tx, """
            DELETE FROM triggers t WHERE NOT EXISTS (
                SELECT 1 FROM task_instances ti WHERE ti.id = t.task_instance_id AND ti.state = 'deferred');
            """, cancellationToken);
        await using var claim = new NpgsqlCommand("""
            WITH claimed AS (
                UPDATE triggers t SET triggerer_id = @triggerer, lease_until = @lease
                WHERE t.id IN (
                    SELECT id FROM triggers WHERE triggerer_id IS NULL OR lease_until < @now
                    ORDER BY id LIMIT @max FOR UPDATE SKIP LOCKED)
                RETURNING t.id, t.task_instance_id, t.kind, t.arguments, t.created_at, t.timeout_at
            )
            SELECT c.id, c.task_instance_id, ti.dag_id, ti.run_id, ti.task_id, c.kind, c.arguments, c.created_at, c.timeout_at
            FROM claimed c JOIN task_instances ti ON ti.id = c.task_instance_id
            ORDER BY c.id;
            """, connection, tx);
        claim.Parameters.AddText("triggerer", triggerer);
        claim.Parameters.AddTime("lease", leaseUntil);
        claim.Parameters.AddTime("now", now);
        claim.Parameters.AddWithValue("max", max);
        var claimed = new List<TriggerRecord>();
        await using (var reader = await claim.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                claimed.Add(new TriggerRecord(reader.GetInt64(0), reader.GetInt64(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                    reader.GetString(5), reader.GetString(6), reader.GetTime(7), reader.GetTimeOrNull(8)));
            }
        }
        await tx.CommitAsync(cancellationToken);
        return claimed;
    }

    public async Task<IReadOnlyCollection<long>> HeartbeatTriggersAsync(string triggerer, IReadOnlyCollection<long> triggerIds, DateTimeOffset leaseUntil, CancellationToken cancellationToken)
    {
        if (triggerIds.Count == 0) return [];
        await using var command = _data.CreateCommand(
            "UPDATE triggers SET lease_until = @lease WHERE triggerer_id = @triggerer AND id = ANY(@ids) RETURNING id;");
        command.Parameters.AddText("triggerer", triggerer);
        command.Parameters.AddTime("lease", leaseUntil);
        command.Parameters.AddWithValue("ids", triggerIds.ToArray());
        var held = new List<long>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) held.Add(reader.GetInt64(0));
        return held;
    }

    public async Task<bool> FireTriggerAsync(long triggerId, string eventJson, DateTimeOffset now, CancellationToken cancellationToken) =>
        (await FireTriggersAsync([new TriggerFiring(triggerId, eventJson)], now, cancellationToken)).Contains(triggerId);

    /// <summary>One round trip and one commit for the whole batch: the fire, the trigger rows' delete, the wake-up and the COMMIT.</summary>
    public async Task<IReadOnlySet<long>> FireTriggersAsync(IReadOnlyList<TriggerFiring> firings, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (firings.Count == 0) return new HashSet<long>();
        await using var connection = await _data.OpenConnectionAsync(cancellationToken);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection, tx);
        // Every sub-statement sees the same snapshot: the UPDATE still joins the trigger rows the DELETE removes.
        // pg_notify runs once per fired row; PostgreSQL sends identical notifications of one transaction once.
        var fire = new NpgsqlBatchCommand($"""
            WITH f AS (SELECT * FROM unnest(@ids::bigint[], @events::text[]) AS f (trigger_id, event)),
            fired AS (
                UPDATE task_instances ti SET state = 'queued', queued_at = @now, trigger_event = f.event, trigger_event_try = ti.try_number + 1
                FROM triggers t JOIN f ON f.trigger_id = t.id
                WHERE ti.id = t.task_instance_id AND ti.state = 'deferred'
                RETURNING t.id
            ), gone AS (
                DELETE FROM triggers WHERE id = ANY(@ids)
            )
            SELECT id, pg_notify('{WorkChannel}', '') IS NULL FROM fired;
            """);
        fire.Parameters.AddTime("now", now);
        fire.Parameters.AddWithValue("ids", firings.Select(f => f.TriggerId).ToArray());
        fire.Parameters.AddTextArray("events", firings.Select(f => f.EventJson));
        batch.BatchCommands.Add(fire);
        batch.BatchCommands.Add(new NpgsqlBatchCommand("COMMIT;"));
        var fired = new HashSet<long>();
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) fired.Add(reader.GetInt64(0));
        // Past the last result: the COMMIT has been answered (a failed commit throws here).
        while (await reader.NextResultAsync(cancellationToken)) { }
        return fired;
    }
}
