namespace CodeFirst.Runtime.Storage;

/// <summary>Argument checks shared by both stores, so both refuse the same input with the same message.</summary>
internal static class PoolRules
{
    public static void CheckSet(string name, int slots)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Length > 256)
            throw new ArgumentException("A pool name must be 1 to 256 characters and not blank.", nameof(name));
        if (slots < 0)
            throw new ArgumentOutOfRangeException(nameof(slots), slots, $"Pool '{name}' cannot have {slots} slots; use zero or more.");
    }

    public static void CheckDelete(string name, PoolRecord? pool)
    {
        if (name == IPoolStore.DefaultPool)
            throw new InvalidOperationException($"The pool '{IPoolStore.DefaultPool}' cannot be deleted; change its slots instead.");
        if (pool is { RunningSlots: > 0 } or { QueuedSlots: > 0 })
            throw new InvalidOperationException(
                $"Pool '{name}' is in use ({pool.RunningSlots} running and {pool.QueuedSlots} queued slots); wait for those task instances to finish or move them to another pool.");
    }
}
