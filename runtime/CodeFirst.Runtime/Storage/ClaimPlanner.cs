namespace CodeFirst.Runtime.Storage;

/// <summary>
/// Picks which claimable task instances a claim takes, in claim order, without exceeding pool slots,
/// per-DAG running limits or the worker's parallelism. Both stores run it while holding the locks of
/// what it counts (SQLite: the write transaction; PostgreSQL: the candidates' pool rows and limited
/// DAGs), so the usage it starts from cannot change under it.
/// </summary>
internal static class ClaimPlanner
{
    public sealed record Candidate(long Id, string DagId, string Pool, int PoolSlots);

    /// <param name="RunningPerDag">Running instances per DAG (complete for the DAGs the claim locked).</param>
    /// <param name="SlotsPerPool">Occupied slots per pool (complete for the pools the claim locked).</param>
    /// <param name="WorkerRunning">Instances the claiming worker runs: what its parallelism counts.</param>
    public sealed record Usage(IReadOnlyDictionary<string, int> RunningPerDag, IReadOnlyDictionary<string, int> SlotsPerPool, int WorkerRunning);

    /// <summary>How many more candidates than asked for are read, so full pools lower in the order do not starve the rest.</summary>
    public static int Window(int max) => Math.Max(max * 4, 64);

    /// <summary>True when nothing at all may be claimed now.</summary>
    public static bool Saturated(ClaimRequest request, Usage usage) =>
        request.Parallelism > 0 && usage.WorkerRunning >= request.Parallelism;

    /// <summary>Pools with no free slot: their candidates need not be read.</summary>
    public static IEnumerable<string> FullPools(Usage usage, IReadOnlyDictionary<string, int> poolSizes) =>
        poolSizes.Where(p => usage.SlotsPerPool.GetValueOrDefault(p.Key) >= p.Value).Select(p => p.Key);

    /// <summary>DAGs at their MaxActiveTasks: their candidates need not be read.</summary>
    public static IEnumerable<string> FullDags(ClaimRequest request, Usage usage) =>
        (request.MaxActiveTasks ?? new Dictionary<string, int>()).Where(d => usage.RunningPerDag.GetValueOrDefault(d.Key) >= d.Value).Select(d => d.Key);

    /// <summary>
    /// The candidates to take, each with a problem when it can never run (unknown pool, more slots than
    /// the pool has): those are taken so the worker fails them with that error, as Airflow fails them.
    /// </summary>
    public static IReadOnlyList<(long Id, string? Problem)> Plan(ClaimRequest request, IReadOnlyList<Candidate> candidates, Usage usage, IReadOnlyDictionary<string, int> poolSizes)
    {
        var perDag = new Dictionary<string, int>(usage.RunningPerDag, StringComparer.Ordinal);
        var perPool = new Dictionary<string, int>(usage.SlotsPerPool, StringComparer.Ordinal);
        var running = usage.WorkerRunning;
        var picked = new List<(long, string?)>();
        foreach (var c in candidates)
        {
            if (picked.Count >= request.Max) break;
            if (request.Parallelism > 0 && running >= request.Parallelism) break;
            string? problem = null;
            if (!poolSizes.TryGetValue(c.Pool, out var size))
                problem = $"Pool '{c.Pool}' does not exist. Create it (pools set) or change the task's Pool.";
            else if (c.PoolSlots > size)
                problem = $"The task needs {c.PoolSlots} slots of pool '{c.Pool}', which has only {size}. Give the pool more slots or the task fewer.";
            if (problem is null)
            {
                if (perPool.GetValueOrDefault(c.Pool) + c.PoolSlots > size) continue;
                if (request.MaxActiveTasks is not null && request.MaxActiveTasks.TryGetValue(c.DagId, out var limit) && perDag.GetValueOrDefault(c.DagId) >= limit)
                    continue;
                perPool[c.Pool] = perPool.GetValueOrDefault(c.Pool) + c.PoolSlots;
            }
            perDag[c.DagId] = perDag.GetValueOrDefault(c.DagId) + 1;
            running++;
            picked.Add((c.Id, problem));
        }
        return picked;
    }
}
