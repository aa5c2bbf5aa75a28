namespace CodeFirst.Runtime.Storage;

/// <summary>
/// A pool and the slots in use: running instances occupy slots, queued ones wait for them, deferred ones wait on
/// a trigger without occupying any unless the pool includes deferred (Airflow's include_deferred, off by default).
/// </summary>
public sealed record PoolRecord(string Name, int Slots, string Description, int RunningSlots, int QueuedSlots, int DeferredSlots = 0, bool IncludeDeferred = false)
{
    /// <summary>The slots taken: running instances, and deferred ones when the pool includes them.</summary>
    public int OccupiedSlots => RunningSlots + (IncludeDeferred ? DeferredSlots : 0);

    public int OpenSlots => Math.Max(0, Slots - OccupiedSlots);
}
