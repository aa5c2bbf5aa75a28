namespace CodeFirst.Runtime.Storage;

/// <summary>
/// Pools (Airflow's slot pools): named slot counts that cap how many task instances using them run at
/// once. <see cref="DefaultPool"/> always exists.
/// </summary>
public interface IPoolStore
{
    /// <summary>Creates the pool or changes its slots; a null description keeps the current one.</summary>
    Task SetPoolAsync(string name, int slots, string? description, CancellationToken cancellationToken) =>
        SetPoolAsync(name, slots, description, null, cancellationToken);

    /// <summary>
    /// Creates the pool or changes it; null description or <paramref name="includeDeferred"/> keeps the
    /// current value. With include_deferred (Airflow's pool option) deferred task instances occupy their
    /// slots while they wait on a trigger, so a pool can also cap how many waits are in flight.
    /// </summary>
    Task SetPoolAsync(string name, int slots, string? description, bool? includeDeferred, CancellationToken cancellationToken);

    /// <summary>Every pool, by name, with the slots its running and queued task instances occupy.</summary>
    Task<IReadOnlyList<PoolRecord>> ListPoolsAsync(CancellationToken cancellationToken);

    Task<PoolRecord?> GetPoolAsync(string name, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes a pool; false when it does not exist. Throws <see cref="InvalidOperationException"/> for
    /// the default pool and for a pool that running or queued task instances use.
    /// </summary>
    Task<bool> DeletePoolAsync(string name, CancellationToken cancellationToken);

    public const string DefaultPool = Definitions.TaskDefinition.DefaultPool;
}
