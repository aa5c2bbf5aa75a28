using Npgsql;

namespace CodeFirst.Runtime.Storage.Postgres;

public sealed partial class PostgresStore
{
    /// <summary>
    /// Claims serialise on this transaction-scoped advisory lock (per schema): pool slots, per-DAG
    /// limits and parallelism are counted and taken in one step, so two processes can never both
    /// take a pool's last slot. The lock is held only for the claim's few statements.
    /// </summary>
    internal string ClaimLockSql => $"SELECT pg_advisory_xact_lock(hashtext('codefirst.claim'), hashtext('{Schema}'));";

    public async Task<IReadOnlyList<ClaimedTask>> ClaimAsync(string worker, int max, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken cancellationToken) =>
        await ClaimAsync(new ClaimRequest(worker, max, now, leaseUntil), cancellationToken);

    public async Task<ClaimBatch> ClaimAsync(ClaimRequest request, CancellationToken cancellationToken)
    {
        if (request.Max <= 0) return ClaimBatch.Empty;
        await using var connection = await _data.OpenConnectionAsync(cancellationToken);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
        await ExecAsync(connection, tx, ClaimLockSql, cancellationToken);

        var usage = await ReadUsageAsync(connection, tx, cancellationToken);
        if (ClaimPlanner.Saturated(request, usage)) return new ClaimBatch([], heldBack: true);
        var poolSizes = await ReadPoolSizesAsync(connection, tx, cancellationToken);
        var candidates = await ReadCandidatesAsync(connection, tx, request, usage, poolSizes, cancellationToken);
        var heldBack = ClaimPlanner.FullPools(usage, poolSizes).Any() || ClaimPlanner.FullDags(request, usage).Any();
        if (candidates.Count == 0) return new ClaimBatch([], heldBack);
        var plan = ClaimPlanner.Plan(request, candidates, usage, poolSizes);
        heldBack |= plan.Count < Math.Min(request.Max, candidates.Count);
        if (plan.Count == 0) return new ClaimBatch([], heldBack);
        var problems = plan.Where(p => p.Problem is not null).ToDictionary(p => p.Id, p => p.Problem!);

        await using var claim = new NpgsqlCommand("""
            WITH claimed AS (
                UPDATE task_instances ti
                SET state = 'running', try_number = ti.try_number + 1, worker_id = @worker, lease_until = @lease,
                    start_date = @now, end_date = NULL, ready_at = NULL
                WHERE ti.id = ANY(@ids) AND ti.state IN ('queued', 'up_for_retry', 'up_for_reschedule') AND (ti.state = 'queued' OR ti.ready_at <= @now)
                RETURNING ti.id, ti.run_pk, ti.dag_id, ti.run_id, ti.task_id, ti.try_number, ti.max_tries, ti.priority_weight, ti.queued_at,
                    CASE WHEN ti.trigger_event_try = ti.try_number THEN ti.trigger_event END AS trigger_event, ti.map_index
            )
            SELECT c.id, c.run_pk, c.dag_id, c.run_id, c.task_id, c.try_number, c.max_tries,
                   r.logical_date, r.data_interval_start, r.data_interval_end, r.conf, c.trigger_event, c.map_index
            FROM claimed c JOIN dag_runs r ON r.id = c.run_pk
            ORDER BY c.priority_weight DESC, c.queued_at, c.id;
            """, connection, tx);
        claim.Parameters.AddWithValue("worker", request.Worker);
        claim.Parameters.AddWithValue("ids", plan.Select(p => p.Id).ToArray());
        claim.Parameters.AddTime("now", request.Now);
        claim.Parameters.AddTime("lease", request.LeaseUntil);
        var claimed = new List<ClaimedTask>();
        await using (var reader = await claim.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                claimed.Add(new ClaimedTask(
                    reader.GetInt64(0), reader.GetInt64(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                    reader.GetInt32(5), reader.GetInt32(6),
                    reader.GetTime(7), reader.GetTime(8), reader.GetTime(9),
                    reader.GetString(10))
                { Problem = problems.GetValueOrDefault(reader.GetInt64(0)), TriggerEvent = reader.GetStringOrNull(11), MapIndex = reader.GetInt32(12) });
            }
        }
        await tx.CommitAsync(cancellationToken);
        return new ClaimBatch(claimed, heldBack);
    }

    private static async Task<ClaimPlanner.Usage> ReadUsageAsync(NpgsqlConnection connection, NpgsqlTransaction tx, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "SELECT dag_id, pool, COUNT(*)::integer, SUM(pool_slots)::integer FROM task_instances WHERE state = 'running' GROUP BY dag_id, pool;", connection, tx);
        var perDag = new Dictionary<string, int>(StringComparer.Ordinal);
        var perPool = new Dictionary<string, int>(StringComparer.Ordinal);
        var running = 0;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var count = reader.GetInt32(2);
            perDag[reader.GetString(0)] = perDag.GetValueOrDefault(reader.GetString(0)) + count;
            perPool[reader.GetString(1)] = perPool.GetValueOrDefault(reader.GetString(1)) + reader.GetInt32(3);
            running += count;
        }
        return new ClaimPlanner.Usage(perDag, perPool, running);
    }

    private static async Task<IReadOnlyDictionary<string, int>> ReadPoolSizesAsync(NpgsqlConnection connection, NpgsqlTransaction tx, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT name, slots FROM pools;", connection, tx);
        var sizes = new Dictionary<string, int>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) sizes[reader.GetString(0)] = reader.GetInt32(1);
        return sizes;
    }

    private static async Task<IReadOnlyList<ClaimPlanner.Candidate>> ReadCandidatesAsync(
        NpgsqlConnection connection, NpgsqlTransaction tx, ClaimRequest request, ClaimPlanner.Usage usage, IReadOnlyDictionary<string, int> poolSizes, CancellationToken cancellationToken)
    {
        // Rows a run transaction holds are skipped, not waited for; they are claimable next time.
        await using var command = new NpgsqlCommand("""
            SELECT id, dag_id, pool, pool_slots FROM task_instances
            WHERE state IN ('queued', 'up_for_retry', 'up_for_reschedule') AND (state = 'queued' OR ready_at <= @now)
                AND (@queues::text[] IS NULL OR queue = ANY(@queues))
                AND NOT (pool = ANY(@fullPools)) AND NOT (dag_id = ANY(@fullDags))
            ORDER BY priority_weight DESC, queued_at, id
            LIMIT @window
            FOR UPDATE SKIP LOCKED;
            """, connection, tx);
        command.Parameters.AddTime("now", request.Now);
        command.Parameters.Add(new NpgsqlParameter("queues", NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Text) { Value = (object?)request.Queues?.ToArray() ?? DBNull.Value });
        command.Parameters.AddTextArray("fullPools", ClaimPlanner.FullPools(usage, poolSizes));
        command.Parameters.AddTextArray("fullDags", ClaimPlanner.FullDags(request, usage));
        command.Parameters.AddWithValue("window", ClaimPlanner.Window(request.Max));
        var candidates = new List<ClaimPlanner.Candidate>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            candidates.Add(new ClaimPlanner.Candidate(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetInt32(3)));
        return candidates;
    }

    public async Task<int> RequeueStaleAsync(DateTimeOffset queuedBefore, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = _data.CreateCommand("UPDATE task_instances SET queued_at = @now WHERE state = 'queued' AND queued_at < @before;");
        command.Parameters.AddTime("now", now);
        command.Parameters.AddTime("before", queuedBefore);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<DateTimeOffset?> NextRetryDueAsync(CancellationToken cancellationToken)
    {
        await using var command = _data.CreateCommand("SELECT MIN(ready_at) FROM task_instances WHERE state IN ('up_for_retry', 'up_for_reschedule');");
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

    public async Task<IReadOnlyList<(long RunPk, string TaskId, int MapIndex, string Worker)>> ListExpiredLeasesAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = _data.CreateCommand(
            "SELECT run_pk, task_id, worker_id, map_index FROM task_instances WHERE state = 'running' AND lease_until < @now ORDER BY id;");
        command.Parameters.AddTime("now", now);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var expired = new List<(long, string, int, string)>();
        while (await reader.ReadAsync(cancellationToken))
            expired.Add((reader.GetInt64(0), reader.GetString(1), reader.GetInt32(3), reader.GetStringOrNull(2) ?? ""));
        return expired;
    }
}
