using System.Runtime.CompilerServices;
using Npgsql;
using NpgsqlTypes;

namespace CodeFirst.Runtime.Storage.Postgres;

/// <summary>The reads of a claim: which pools and DAGs it needs, then, under only their locks, what it can take.</summary>
public sealed partial class PostgresStore
{
    /// <summary>
    /// Pools and DAGs that look full (an unlocked look: exact only for what the claim has locked) are
    /// left out, so their rows cannot fill the window and starve the rest.
    /// </summary>
    private const string FullCte = """
        WITH running AS (
            SELECT dag_id, pool, COUNT(*) AS n, SUM(pool_slots) AS slots FROM task_instances WHERE state = 'running' GROUP BY dag_id, pool
        ), full_pools AS (
            SELECT p.name FROM pools p LEFT JOIN (SELECT pool, SUM(slots) AS slots FROM running GROUP BY pool) u ON u.pool = p.name
            WHERE COALESCE(u.slots, 0) + CASE WHEN p.include_deferred
                THEN COALESCE((SELECT SUM(d.pool_slots) FROM task_instances d WHERE d.state = 'deferred' AND d.pool = p.name), 0) ELSE 0 END >= p.slots
        ), full_dags AS (
            SELECT l.dag_id FROM unnest(@limitDags::text[], @limits::integer[]) AS l (dag_id, max_active)
            JOIN (SELECT dag_id, SUM(n) AS n FROM running GROUP BY dag_id) d ON d.dag_id = l.dag_id
            WHERE d.n >= l.max_active
        )
        """;

    private const string ClaimableWhere = """
        state IN ('queued', 'up_for_retry', 'up_for_reschedule') AND (state = 'queued' OR ready_at <= @now)
            AND (@queues::text[] IS NULL OR queue = ANY(@queues))
            AND pool NOT IN (SELECT name FROM full_pools) AND dag_id NOT IN (SELECT dag_id FROM full_dags)
            AND (@onlyRun::bigint IS NULL OR (run_pk = @onlyRun AND task_id = ANY(@onlyTasks)))
        """;

    private const string ClaimOrder = "priority_weight DESC, queued_at, id";

    /// <summary>
    /// For the claim's transaction only: no bitmap scans. A queue fills in bursts (a backfill, a wide run, an
    /// expansion) faster than autovacuum re-analyzes it; with statistics of a near-empty table the planner reads
    /// every claimable row through a bitmap and sorts them all (26 ms at 7,000 queued rows here) instead of walking
    /// ix_task_instances_queue in claim order and stopping at the window. Without bitmaps the ordered walk is the
    /// plan whatever the statistics say.
    /// </summary>
    private const string WalkTheQueueIndex = "SET LOCAL enable_bitmapscan = off;";

    /// <summary>The extra row that says whether full pools or DAGs were left out.</summary>
    private const string HeldRow = "SELECT true, 0, '', '', 0, 0, NULL WHERE EXISTS (SELECT 1 FROM full_pools) OR EXISTS (SELECT 1 FROM full_dags)";

    private static readonly ConditionalWeakTable<IReadOnlyDictionary<string, int>, LimitArrays> LimitArraysCache = new();

    /// <summary>
    /// The pools, and the DAGs with a MaxActiveTasks, of the first window of claimable rows: what the
    /// claim must lock. Nothing is locked yet, so this may be stale; the locked read settles it.
    /// </summary>
    private static async Task<(string[] Pools, string[] Dags, bool HeldBack)> PeekAsync(
        NpgsqlConnection connection, NpgsqlTransaction tx, ClaimRequest request, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"""
            {WalkTheQueueIndex}
            {FullCte}, w AS (SELECT pool, dag_id FROM task_instances WHERE {ClaimableWhere} ORDER BY {ClaimOrder} LIMIT @window)
            SELECT DISTINCT false, pool, dag_id FROM w
            UNION ALL
            SELECT true, '', '' WHERE EXISTS (SELECT 1 FROM full_pools) OR EXISTS (SELECT 1 FROM full_dags);
            """, connection, tx);
        AddClaimableParameters(command.Parameters, request);
        var pools = new SortedSet<string>(StringComparer.Ordinal);
        var dags = new SortedSet<string>(StringComparer.Ordinal);
        var heldBack = false;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            if (reader.GetBoolean(0))
            {
                heldBack = true;
                continue;
            }
            pools.Add(reader.GetString(1));
            if (request.MaxActiveTasks?.ContainsKey(reader.GetString(2)) == true) dags.Add(reader.GetString(2));
        }
        return ([.. pools], [.. dags], heldBack);
    }

    /// <summary>
    /// In one round trip, each statement with its own snapshot: locks the pool rows (in name order) and the
    /// limited DAGs (advisory locks, in key order), then reads the candidates of only those pools and DAGs
    /// with SKIP LOCKED and what runs in them. Every claim that held these locks before has committed, so the
    /// reads are exact; claims of other pools and DAGs run meanwhile. Pools absent from the answer do not exist.
    /// <paramref name="pools"/> null (a scoped claim): the pools its rows name (a task's instances share one pool).
    /// </summary>
    private async Task<LockedRead> LockAndReadAsync(
        NpgsqlConnection connection, NpgsqlTransaction tx, ClaimRequest request, string[]? pools, string[] dags, CancellationToken cancellationToken)
    {
        var inPools = pools is null ? "IN (SELECT pool FROM task_instances WHERE run_pk = @onlyRun AND task_id = ANY(@onlyTasks))" : "= ANY(@pools)";
        await using var batch = new NpgsqlBatch(connection, tx);
        batch.BatchCommands.Add(new NpgsqlBatchCommand(WalkTheQueueIndex));
        var lockPools = new NpgsqlBatchCommand($"SELECT name, slots FROM pools WHERE name {inPools} ORDER BY name FOR UPDATE;");
        AddPools(lockPools.Parameters, request, pools);
        batch.BatchCommands.Add(lockPools);
        if (dags.Length > 0)
        {
            var lockDags = new NpgsqlBatchCommand(
                "SELECT pg_advisory_xact_lock(hashtext(@space), k) FROM (SELECT DISTINCT hashtext(d) AS k FROM unnest(@dags) AS d ORDER BY 1) AS keys;");
            lockDags.Parameters.AddText("space", $"codefirst.dag:{Schema}");
            lockDags.Parameters.AddTextArray("dags", dags);
            batch.BatchCommands.Add(lockDags);
        }
        var candidates = new NpgsqlBatchCommand($"""
            {FullCte}, candidates AS (
                SELECT id, dag_id, pool, pool_slots, priority_weight, queued_at FROM task_instances
                WHERE {ClaimableWhere} AND pool {inPools} AND (dag_id = ANY(@dags) OR dag_id <> ALL(@limitDags))
                ORDER BY {ClaimOrder}
                LIMIT @window
                FOR UPDATE SKIP LOCKED
            )
            SELECT false AS held, id, dag_id, pool, pool_slots, priority_weight, queued_at FROM candidates
            UNION ALL
            {HeldRow}
            ORDER BY held, {ClaimOrder};
            """);
        AddClaimableParameters(candidates.Parameters, request);
        if (pools is not null) candidates.Parameters.AddTextArray("pools", pools);
        candidates.Parameters.AddTextArray("dags", dags);
        batch.BatchCommands.Add(candidates);
        var usage = new NpgsqlBatchCommand($"""
            SELECT dag_id, pool, COUNT(*)::integer, SUM(pool_slots)::integer, (COUNT(*) FILTER (WHERE worker_id = @worker))::integer
            FROM task_instances WHERE state = 'running' AND (pool {inPools} OR dag_id = ANY(@dags) OR worker_id = @worker)
            GROUP BY dag_id, pool
            UNION ALL
            -- Deferred instances of pools that include them hold those pools' slots (and nothing else).
            SELECT '', t.pool, 0, SUM(t.pool_slots)::integer, 0
            FROM task_instances t JOIN pools p ON p.name = t.pool
            WHERE t.state = 'deferred' AND p.include_deferred AND t.pool {inPools}
            GROUP BY t.pool;
            """);
        AddPools(usage.Parameters, request, pools);
        usage.Parameters.AddTextArray("dags", dags);
        usage.Parameters.AddWithValue("worker", request.Worker);
        batch.BatchCommands.Add(usage);

        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        var read = new LockedRead();
        while (await reader.ReadAsync(cancellationToken)) read.PoolSizes[reader.GetString(0)] = reader.GetInt32(1);
        if (dags.Length > 0) await reader.NextResultAsync(cancellationToken);
        await reader.NextResultAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            if (reader.GetBoolean(0)) read.HeldBack = true;
            else read.Candidates.Add(new ClaimPlanner.Candidate(reader.GetInt64(1), reader.GetString(2), reader.GetString(3), reader.GetInt32(4)));
        }
        await reader.NextResultAsync(cancellationToken);
        var perDag = new Dictionary<string, int>(StringComparer.Ordinal);
        var perPool = new Dictionary<string, int>(StringComparer.Ordinal);
        var mine = 0;
        while (await reader.ReadAsync(cancellationToken))
        {
            perDag[reader.GetString(0)] = perDag.GetValueOrDefault(reader.GetString(0)) + reader.GetInt32(2);
            perPool[reader.GetString(1)] = perPool.GetValueOrDefault(reader.GetString(1)) + reader.GetInt32(3);
            mine += reader.GetInt32(4);
        }
        read.Usage = new ClaimPlanner.Usage(perDag, perPool, mine);
        return read;
    }

    /// <summary>The pools a claim locks: named, or (scoped claim) those of its run's tasks.</summary>
    private static void AddPools(NpgsqlParameterCollection parameters, ClaimRequest request, string[]? pools)
    {
        if (pools is not null)
        {
            parameters.AddTextArray("pools", pools);
            return;
        }
        parameters.AddWithValue("onlyRun", request.Only!.RunPk);
        parameters.AddTextArray("onlyTasks", request.Only.TaskIds);
    }

    private static void AddClaimableParameters(NpgsqlParameterCollection parameters, ClaimRequest request)
    {
        var limits = request.MaxActiveTasks is { } perDag ? LimitArraysCache.GetValue(perDag, LimitArrays.Of) : LimitArrays.None;
        parameters.AddTime("now", request.Now);
        parameters.Add(new NpgsqlParameter("queues", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = (object?)request.Queues?.ToArray() ?? DBNull.Value });
        parameters.Add(new NpgsqlParameter("limitDags", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = limits.Dags });
        parameters.Add(new NpgsqlParameter("limits", NpgsqlDbType.Array | NpgsqlDbType.Integer) { Value = limits.Limits });
        parameters.AddWithValue("window", ClaimPlanner.Window(request.Max));
        parameters.Add(new NpgsqlParameter("onlyRun", NpgsqlDbType.Bigint) { Value = (object?)request.Only?.RunPk ?? DBNull.Value });
        parameters.Add(new NpgsqlParameter("onlyTasks", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = request.Only?.TaskIds.ToArray() ?? [] });
    }

    private sealed class LockedRead
    {
        public Dictionary<string, int> PoolSizes { get; } = new(StringComparer.Ordinal);
        public List<ClaimPlanner.Candidate> Candidates { get; } = [];
        public bool HeldBack { get; set; }
        public ClaimPlanner.Usage Usage { get; set; } = null!;
    }

    /// <summary>A worker's MaxActiveTasks as the two arrays the queries unnest; built once per dictionary.</summary>
    private sealed record LimitArrays(string[] Dags, int[] Limits)
    {
        public static readonly LimitArrays None = new([], []);

        public static LimitArrays Of(IReadOnlyDictionary<string, int> limits) => new([.. limits.Keys], [.. limits.Keys.Select(k => limits[k])]);
    }
}
