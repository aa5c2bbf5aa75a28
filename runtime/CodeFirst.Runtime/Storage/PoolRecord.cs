namespace CodeFirst.Runtime.Storage;

/// <summary>A pool and the slots in use: running instances occupy slots, queued ones wait for them.</summary>
public sealed record PoolRecord(string Name, int Slots, string Description, int RunningSlots, int QueuedSlots)
{
    public int OpenSlots => Math.Max(0, Slots - RunningSlots);
}
