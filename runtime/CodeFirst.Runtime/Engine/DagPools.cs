using CodeFirst.Definitions;
using CodeFirst.Runtime.Storage;

namespace CodeFirst.Runtime.Engine;

/// <summary>
/// Pools a DAG names but the database does not have yet. Airflow fails such tasks; here the
/// scheduler creates them when it first loads the DAG (with Airflow's default pool size, 128
/// slots, to be resized with <c>pools set</c>), and test databases create them too, so a DAG that
/// names a pool runs out of the box. A pool deleted later still fails its tasks with a clear error.
/// </summary>
public static class DagPools
{
    public const int DefaultSlots = 128;

    /// <summary>Creates the missing pools; returns their names.</summary>
    public static async Task<IReadOnlyList<string>> CreateMissingAsync(IStore store, IEnumerable<DagDefinition> dags, CancellationToken cancellationToken)
    {
        var existing = (await store.ListPoolsAsync(cancellationToken)).Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        var created = new List<string>();
        foreach (var pool in dags.SelectMany(d => d.Tasks).GroupBy(t => t.Pool, StringComparer.Ordinal).Where(g => !existing.Contains(g.Key)))
        {
            await store.SetPoolAsync(pool.Key, Math.Max(DefaultSlots, pool.Max(t => t.PoolSlots)), "created for the DAGs that name it", cancellationToken);
            created.Add(pool.Key);
        }
        return created;
    }
}
