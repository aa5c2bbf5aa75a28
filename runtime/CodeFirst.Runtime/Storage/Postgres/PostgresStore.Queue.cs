using Npgsql;

namespace CodeFirst.Runtime.Storage.Postgres;

public sealed partial class PostgresStore
{
    /// <summary>What a claim, and a run transaction starting a queued instance itself, set: the next try under @worker's lease from @now to @lease.</summary>
    internal const string StartRunning =
        "state = 'running', try_number = try_number + 1, worker_id = @worker, lease_until = @lease, start_date = @now, end_date = NULL, ready_at = NULL";

    public async Task<IReadOnlyList<ClaimedTask>> ClaimAsync(string worker, int max, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken cancellationToken) =>
        await ClaimAsync(new ClaimRequest(worker, max, now, leaseUntil), cancellationToken);

    /// <summary>
    /// Three round trips and no lock shared by every claim: (1) an unlocked look at which pools and limited
    /// DAGs the first claimable rows need, (2) the row locks of only those pools and advisory locks of only
    /// those DAGs, then the candidates (FOR UPDATE SKIP LOCKED) and the running usage, (3) the UPDATE …
    /// RETURNING of the planned rows with the commit (not waiting for the WAL flush unless
    /// <see cref="PostgresStoreOptions.DurableClaims"/>). Claims of different pools and DAGs never wait for each
    /// other; claims sharing a pool take turns on its row, and the later one sees what the earlier took.
    /// </summary>
    public async Task<ClaimBatch> ClaimAsync(ClaimRequest request, CancellationToken cancellationToken)
    {
        if (request.Max <= 0) return ClaimBatch.Empty;
        await using var connection = await _data.OpenConnectionAsync(cancellationToken);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken);

        // A scoped claim (a slot handed to a downstream task) needs no look: its rows name their pools, and its DAG is known.
        var (pools, dags, heldBack) = request.Only is { } only
            ? (null, request.MaxActiveTasks?.ContainsKey(only.DagId) == true ? [only.DagId] : [], false)
            : await PeekAsync(connection, tx, request, cancellationToken);
        if (pools?.Length == 0) return new ClaimBatch([], heldBack);
        var read = await LockAndReadAsync(connection, tx, request, pools, dags, cancellationToken);
        if (ClaimPauseForTests is { } pause) await pause(cancellationToken);
        heldBack |= read.HeldBack;
        if (ClaimPlanner.Saturated(request, read.Usage)) return new ClaimBatch([], heldBack: true);
        if (read.Candidates.Count == 0) return new ClaimBatch([], heldBack);
        var plan = ClaimPlanner.Plan(request, read.Candidates, read.Usage, read.PoolSizes);
        heldBack |= plan.Count < Math.Min(request.Max, read.Candidates.Count);
        if (plan.Count == 0) return new ClaimBatch([], heldBack);

        var claimed = await MarkClaimedAndCommitAsync(connection, tx, request, plan, cancellationToken);
        return new ClaimBatch(claimed, heldBack);
    }

    /// <summary>Runs inside a claim once its pool and DAG locks are held (tests hold a claim open with it).</summary>
    internal Func<CancellationToken, Task>? ClaimPauseForTests { get; set; }

    /// <summary>
    /// What the claim's UPDATE runs under (the rest of its transaction is the COMMIT): no sequential scan either,
    /// so a table that statistics still think small (a fresh database, a burst before autovacuum) is not read
    /// whole to find a few dozen rows by id.
    /// </summary>
    internal const string ClaimUpdateSettings = "SET LOCAL enable_seqscan = off;";

    /// <summary>
    /// The claim's UPDATE … RETURNING of the planned rows (@ids) with their runs' data. The rows are the claim's
    /// own since its candidate read (FOR UPDATE SKIP LOCKED), which checked they are claimable, so it finds them
    /// by id alone: a state condition here would also let the planner walk the partial queue index (it implies
    /// that index's predicate) and test every queued entry against the ids. With the statistics of a
    /// burst-filled queue it did, at 2–4 ms per claim instead of one primary-key probe per row.
    /// </summary>
    internal const string ClaimUpdate = $"""
        WITH claimed AS (
            UPDATE task_instances ti
            SET {StartRunning}
            WHERE ti.id = ANY(@ids)
            RETURNING ti.id, ti.run_pk, ti.dag_id, ti.run_id, ti.task_id, ti.try_number, ti.max_tries, ti.priority_weight, ti.queued_at,
                CASE WHEN ti.trigger_event_try = ti.try_number THEN ti.trigger_event END AS trigger_event, ti.map_index
        )
        SELECT c.id, c.run_pk, c.dag_id, c.run_id, c.task_id, c.try_number, c.max_tries,
               r.logical_date, r.data_interval_start, r.data_interval_end, r.conf, c.trigger_event, c.map_index
        FROM claimed c JOIN dag_runs r ON r.id = c.run_pk
        ORDER BY c.priority_weight DESC, c.queued_at, c.id;
        """;

    /// <summary>The <see cref="ClaimUpdate"/> of the planned rows and the COMMIT, sent together.</summary>
    private async Task<List<ClaimedTask>> MarkClaimedAndCommitAsync(
        NpgsqlConnection connection, NpgsqlTransaction tx, ClaimRequest request, IReadOnlyList<(long Id, string? Problem)> plan, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(connection, tx);
        if (!_options.DurableClaims) batch.BatchCommands.Add(new NpgsqlBatchCommand("SET LOCAL synchronous_commit = off;"));
        batch.BatchCommands.Add(new NpgsqlBatchCommand(ClaimUpdateSettings));
        var claim = new NpgsqlBatchCommand(ClaimUpdate);
        claim.Parameters.AddWithValue("worker", request.Worker);
        claim.Parameters.AddWithValue("ids", plan.Select(p => p.Id).ToArray());
        claim.Parameters.AddTime("now", request.Now);
        claim.Parameters.AddTime("lease", request.LeaseUntil);
        var problems = plan.Where(p => p.Problem is not null).ToDictionary(p => p.Id, p => p.Problem!);
        batch.BatchCommands.Add(claim);
        batch.BatchCommands.Add(new NpgsqlBatchCommand("COMMIT;"));
        var claimed = new List<ClaimedTask>(plan.Count);
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            claimed.Add(new ClaimedTask(
                reader.GetInt64(0), reader.GetInt64(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                reader.GetInt32(5), reader.GetInt32(6),
                reader.GetTime(7), reader.GetTime(8), reader.GetTime(9),
                reader.GetString(10))
            { Problem = problems.GetValueOrDefault(reader.GetInt64(0)), TriggerEvent = reader.GetStringOrNull(11), MapIndex = reader.GetInt32(12) });
        }
        // Past the last result: the COMMIT has been answered (a failed commit throws here, before anything runs).
        while (await reader.NextResultAsync(cancellationToken)) { }
        return claimed;
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
