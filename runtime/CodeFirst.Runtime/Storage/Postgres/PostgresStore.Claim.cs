using System.Runtime.CompilerServices;
using Npgsql;
using NpgsqlTypes;

namespace CodeFirst.Runtime.Storage.Postgres;

/// <summary>The reads of a claim: candidates without waiting, then only the locks those candidates need.</summary>
public sealed partial class PostgresStore
{
    private static readonly ConditionalWeakTable<IReadOnlyDictionary<string, int>, LimitArrays> LimitArraysCache = new();

    /// <summary>
    /// Up to a window of claimable rows in claim order, locked with SKIP LOCKED (rows another claim or a
    /// run transaction holds are left for next time). Pools and DAGs that look full are left out so they
    /// cannot fill the window; that look is unlocked, so it is only a hint: the planner decides under the locks.
    /// The extra <c>held</c> row says whether the hint left anything out.
    /// </summary>
    private static async Task<(List<ClaimPlanner.Candidate> Candidates, bool HeldBack)> ReadCandidatesAsync(
        NpgsqlConnection connection, NpgsqlTransaction tx, ClaimRequest request, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            WITH running AS (
                SELECT dag_id, pool, COUNT(*) AS n, SUM(pool_slots) AS slots FROM task_instances WHERE state = 'running' GROUP BY dag_id, pool
            ), full_pools AS (
                SELECT p.name FROM pools p LEFT JOIN (SELECT pool, SUM(slots) AS slots FROM running GROUP BY pool) u ON u.pool = p.name
                WHERE COALESCE(u.slots, 0) >= p.slots
            ), full_dags AS (
                SELECT l.dag_id FROM unnest(@limitDags::text[], @limits::integer[]) AS l (dag_id, max_active)
                JOIN (SELECT dag_id, SUM(n) AS n FROM running GROUP BY dag_id) d ON d.dag_id = l.dag_id
                WHERE d.n >= l.max_active
            ), candidates AS (
                SELECT id, dag_id, pool, pool_slots, priority_weight, queued_at FROM task_instances
                WHERE state IN ('queued', 'up_for_retry', 'up_for_reschedule') AND (state = 'queued' OR ready_at <= @now)
                    AND (@queues::text[] IS NULL OR queue = ANY(@queues))
                    AND pool NOT IN (SELECT name FROM full_pools) AND dag_id NOT IN (SELECT dag_id FROM full_dags)
                ORDER BY priority_weight DESC, queued_at, id
                LIMIT @window
                FOR UPDATE SKIP LOCKED
            )
            SELECT false AS held, id, dag_id, pool, pool_slots, priority_weight, queued_at FROM candidates
            UNION ALL
            SELECT true, 0, '', '', 0, 0, NULL WHERE EXISTS (SELECT 1 FROM full_pools) OR EXISTS (SELECT 1 FROM full_dags)
            ORDER BY held, priority_weight DESC, queued_at, id;
            """, connection, tx);
        var limits = request.MaxActiveTasks is { } perDag ? LimitArraysCache.GetValue(perDag, LimitArrays.Of) : LimitArrays.None;
        command.Parameters.AddTime("now", request.Now);
        command.Parameters.Add(new NpgsqlParameter("queues", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = (object?)request.Queues?.ToArray() ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("limitDags", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = limits.Dags });
        command.Parameters.Add(new NpgsqlParameter("limits", NpgsqlDbType.Array | NpgsqlDbType.Integer) { Value = limits.Limits });
        command.Parameters.AddWithValue("window", ClaimPlanner.Window(request.Max));
        var candidates = new List<ClaimPlanner.Candidate>();
        var heldBack = false;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            if (reader.GetBoolean(0)) heldBack = true;
            else candidates.Add(new ClaimPlanner.Candidate(reader.GetInt64(1), reader.GetString(2), reader.GetString(3), reader.GetInt32(4)));
        }
        return (candidates, heldBack);
    }

    /// <summary>
    /// Locks the candidates' pool rows (in name order) and their limited DAGs (advisory locks, in key order),
    /// then counts what runs in them: in one round trip, each statement with its own snapshot, so the counts
    /// include every claim that held these locks before. Pools absent from the answer do not exist.
    /// </summary>
    private async Task<(ClaimPlanner.Usage Usage, IReadOnlyDictionary<string, int> PoolSizes)> LockAndReadUsageAsync(
        NpgsqlConnection connection, NpgsqlTransaction tx, ClaimRequest request, IReadOnlyList<ClaimPlanner.Candidate> candidates, CancellationToken cancellationToken)
    {
        var pools = candidates.Select(c => c.Pool).Distinct().ToArray();
        var dags = candidates.Select(c => c.DagId).Where(d => request.MaxActiveTasks?.ContainsKey(d) == true).Distinct().ToArray();
        await using var batch = new NpgsqlBatch(connection, tx);
        var lockPools = new NpgsqlBatchCommand("SELECT name, slots FROM pools WHERE name = ANY(@pools) ORDER BY name FOR UPDATE;");
        lockPools.Parameters.AddTextArray("pools", pools);
        batch.BatchCommands.Add(lockPools);
        if (dags.Length > 0)
        {
            var lockDags = new NpgsqlBatchCommand(
                "SELECT pg_advisory_xact_lock(hashtext(@space), k) FROM (SELECT DISTINCT hashtext(d) AS k FROM unnest(@dags) AS d ORDER BY 1) AS keys;");
            lockDags.Parameters.AddText("space", $"codefirst.dag:{Schema}");
            lockDags.Parameters.AddTextArray("dags", dags);
            batch.BatchCommands.Add(lockDags);
        }
        var usage = new NpgsqlBatchCommand("""
            SELECT dag_id, pool, COUNT(*)::integer, SUM(pool_slots)::integer, (COUNT(*) FILTER (WHERE worker_id = @worker))::integer
            FROM task_instances WHERE state = 'running' AND (pool = ANY(@pools) OR dag_id = ANY(@dags) OR worker_id = @worker)
            GROUP BY dag_id, pool;
            """);
        usage.Parameters.AddTextArray("pools", pools);
        usage.Parameters.AddTextArray("dags", dags);
        usage.Parameters.AddWithValue("worker", request.Worker);
        batch.BatchCommands.Add(usage);

        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        var sizes = new Dictionary<string, int>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken)) sizes[reader.GetString(0)] = reader.GetInt32(1);
        if (dags.Length > 0) await reader.NextResultAsync(cancellationToken);
        await reader.NextResultAsync(cancellationToken);
        var perDag = new Dictionary<string, int>(StringComparer.Ordinal);
        var perPool = new Dictionary<string, int>(StringComparer.Ordinal);
        var mine = 0;
        while (await reader.ReadAsync(cancellationToken))
        {
            var count = reader.GetInt32(2);
            perDag[reader.GetString(0)] = perDag.GetValueOrDefault(reader.GetString(0)) + count;
            perPool[reader.GetString(1)] = perPool.GetValueOrDefault(reader.GetString(1)) + reader.GetInt32(3);
            mine += reader.GetInt32(4);
        }
        return (new ClaimPlanner.Usage(perDag, perPool, mine), sizes);
    }

    /// <summary>A worker's MaxActiveTasks as the two arrays the candidate query unnests; built once per dictionary.</summary>
    private sealed record LimitArrays(string[] Dags, int[] Limits)
    {
        public static readonly LimitArrays None = new([], []);

        public static LimitArrays Of(IReadOnlyDictionary<string, int> limits) => new([.. limits.Keys], [.. limits.Keys.Select(k => limits[k])]);
    }
}
