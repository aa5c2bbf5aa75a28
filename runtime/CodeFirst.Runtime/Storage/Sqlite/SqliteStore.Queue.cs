using Microsoft.Data.Sqlite;

namespace CodeFirst.Runtime.Storage.Sqlite;

public sealed partial class SqliteStore
{
    /// <summary>What a claim, and a run transaction starting a queued instance itself, set: the next try under $worker's lease from $now to $lease.</summary>
    internal const string StartRunning =
        "state = 'running', try_number = try_number + 1, worker_id = $worker, lease_until = $lease, start_date = $now, end_date = NULL, ready_at = NULL";

    public async Task<IReadOnlyList<ClaimedTask>> ClaimAsync(string worker, int max, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken cancellationToken) =>
        await ClaimAsync(new ClaimRequest(worker, max, now, leaseUntil), cancellationToken);

    public async Task<ClaimBatch> ClaimAsync(ClaimRequest request, CancellationToken cancellationToken)
    {
        if (request.Max <= 0) return ClaimBatch.Empty;
        // The write transaction (BEGIN IMMEDIATE) is the claim lock: usage read here cannot change before the update.
        await using var lease = await WriteAsync(cancellationToken);
        var connection = lease.Connection;
        await using var tx = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);

        var usage = await ReadUsageAsync(connection, tx, request.Worker, cancellationToken);
        if (ClaimPlanner.Saturated(request, usage)) return new ClaimBatch([], heldBack: true);
        var poolSizes = await ReadPoolSizesAsync(connection, tx, cancellationToken);
        var candidates = await ReadCandidatesAsync(connection, tx, request, usage, poolSizes, cancellationToken);
        var heldBack = ClaimPlanner.FullPools(usage, poolSizes).Any() || ClaimPlanner.FullDags(request, usage).Any();
        if (candidates.Count == 0) return new ClaimBatch([], heldBack);
        var plan = ClaimPlanner.Plan(request, candidates, usage, poolSizes);
        heldBack |= plan.Count < Math.Min(request.Max, candidates.Count);
        if (plan.Count == 0) return new ClaimBatch([], heldBack);
        var problems = plan.Where(p => p.Problem is not null).ToDictionary(p => p.Id, p => p.Problem!);

        await using var claim = Command(connection, $"""
            UPDATE task_instances
            SET {StartRunning}
            WHERE id IN ({string.Join(',', plan.Select(p => p.Id))})
                AND state IN ('queued', 'up_for_retry', 'up_for_reschedule') AND (state = 'queued' OR ready_at <= $now)
            RETURNING id;
            """, tx);
        claim.Parameters.AddWithValue("$worker", request.Worker);
        claim.Parameters.AddWithValue("$lease", DbTime.ToDb(request.LeaseUntil));
        claim.Parameters.AddWithValue("$now", DbTime.ToDb(request.Now));
        var ids = new List<long>();
        await using (var reader = await claim.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken)) ids.Add(reader.GetInt64(0));
        }
        if (ids.Count == 0) return new ClaimBatch([], heldBack);

        await using var details = Command(connection, $"""
            SELECT ti.id, ti.run_pk, ti.dag_id, ti.run_id, ti.task_id, ti.try_number, ti.max_tries,
                   r.logical_date, r.data_interval_start, r.data_interval_end, r.conf,
                   CASE WHEN ti.trigger_event_try = ti.try_number THEN ti.trigger_event END, ti.map_index
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
                    reader.GetString(10))
                { Problem = problems.GetValueOrDefault(reader.GetInt64(0)), TriggerEvent = reader.IsDBNull(11) ? null : reader.GetString(11), MapIndex = reader.GetInt32(12) });
            }
        }
        await tx.CommitAsync(cancellationToken);
        return new ClaimBatch(claimed, heldBack);
    }

    private static async Task<ClaimPlanner.Usage> ReadUsageAsync(SqliteConnection connection, SqliteTransaction tx, string worker, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, """
            SELECT dag_id, pool, COUNT(*), SUM(pool_slots), SUM(worker_id = $worker)
            FROM task_instances WHERE state = 'running' GROUP BY dag_id, pool
            UNION ALL
            -- Deferred instances of pools that include them hold those pools' slots (and nothing else).
            SELECT '', t.pool, 0, SUM(t.pool_slots), 0
            FROM task_instances t JOIN pools p ON p.name = t.pool
            WHERE t.state = 'deferred' AND p.include_deferred GROUP BY t.pool;
            """, tx);
        command.Parameters.AddWithValue("$worker", worker);
        var perDag = new Dictionary<string, int>(StringComparer.Ordinal);
        var perPool = new Dictionary<string, int>(StringComparer.Ordinal);
        var mine = 0;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            perDag[reader.GetString(0)] = perDag.GetValueOrDefault(reader.GetString(0)) + reader.GetInt32(2);
            perPool[reader.GetString(1)] = perPool.GetValueOrDefault(reader.GetString(1)) + reader.GetInt32(3);
            mine += reader.GetInt32(4);
        }
        return new ClaimPlanner.Usage(perDag, perPool, mine);
    }

    private static async Task<IReadOnlyDictionary<string, int>> ReadPoolSizesAsync(SqliteConnection connection, SqliteTransaction tx, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, "SELECT name, slots FROM pools;", tx);
        var sizes = new Dictionary<string, int>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) sizes[reader.GetString(0)] = reader.GetInt32(1);
        return sizes;
    }

    private static async Task<IReadOnlyList<ClaimPlanner.Candidate>> ReadCandidatesAsync(
        SqliteConnection connection, SqliteTransaction tx, ClaimRequest request, ClaimPlanner.Usage usage, IReadOnlyDictionary<string, int> poolSizes, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, "", tx);
        var filters = new List<string>();
        AddInFilter(command, filters, "queue IN", "$q", request.Queues);
        AddInFilter(command, filters, "pool NOT IN", "$p", ClaimPlanner.FullPools(usage, poolSizes).ToList());
        AddInFilter(command, filters, "dag_id NOT IN", "$d", ClaimPlanner.FullDags(request, usage).ToList());
        if (request.Only is { } only)
        {
            AddInFilter(command, filters, "task_id IN", "$t", only.TaskIds);
            filters.Add("run_pk = $onlyRun");
            command.Parameters.AddWithValue("$onlyRun", only.RunPk);
        }
        command.CommandText = $"""
            SELECT id, dag_id, pool, pool_slots FROM task_instances
            -- Written so SQLite can walk ix_task_instances_queue instead of scanning and sorting the table.
            WHERE state IN ('queued', 'up_for_retry', 'up_for_reschedule') AND (state = 'queued' OR ready_at <= $now)
                {string.Concat(filters.Select(f => " AND " + f))}
            ORDER BY priority_weight DESC, queued_at, id
            LIMIT $window;
            """;
        command.Parameters.AddWithValue("$now", DbTime.ToDb(request.Now));
        command.Parameters.AddWithValue("$window", ClaimPlanner.Window(request.Max));
        var candidates = new List<ClaimPlanner.Candidate>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            candidates.Add(new ClaimPlanner.Candidate(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetInt32(3)));
        return candidates;
    }

    private static void AddInFilter(SqliteCommand command, List<string> filters, string clause, string prefix, IReadOnlyCollection<string>? values)
    {
        if (values is null) return;
        if (values.Count == 0 && clause.EndsWith("NOT IN", StringComparison.Ordinal)) return;
        var names = values.Select((v, i) => { command.Parameters.AddWithValue($"{prefix}{i}", v); return $"{prefix}{i}"; }).ToList();
        filters.Add($"{clause} ({string.Join(',', names)})");
    }

    public async Task<int> RequeueStaleAsync(DateTimeOffset queuedBefore, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var lease = await WriteAsync(cancellationToken);
        await using var command = Command(lease.Connection, "UPDATE task_instances SET queued_at = $now WHERE state = 'queued' AND queued_at < $before;");
        command.Parameters.AddWithValue("$now", DbTime.ToDb(now));
        command.Parameters.AddWithValue("$before", DbTime.ToDb(queuedBefore));
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<DateTimeOffset?> NextRetryDueAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Command(connection, "SELECT MIN(ready_at) FROM task_instances WHERE state IN ('up_for_retry', 'up_for_reschedule');");
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

    public async Task<IReadOnlyList<(long RunPk, string TaskId, int MapIndex, string Worker)>> ListExpiredLeasesAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Command(connection,
            "SELECT run_pk, task_id, worker_id, map_index FROM task_instances WHERE state = 'running' AND lease_until < $now;");
        command.Parameters.AddWithValue("$now", DbTime.ToDb(now));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var expired = new List<(long, string, int, string)>();
        while (await reader.ReadAsync(cancellationToken))
            expired.Add((reader.GetInt64(0), reader.GetString(1), reader.GetInt32(3), reader.IsDBNull(2) ? "" : reader.GetString(2)));
        return expired;
    }
}
