namespace CodeFirst.Runtime.Storage;

/// <summary>
/// A pool and the slots in use: running instances occupy slots, queued ones wait for them, deferred ones wait on
/// a trigger without occupying any (Airflow's default, include_deferred = false).
/// </summary>
public sealed record PoolRecord(string Name, int Slots, string Description, int RunningSlots, int QueuedSlots, int DeferredSlots = 0)
{
    public int OpenSlots => Math.Max(0, Slots - RunningSlots);
}
