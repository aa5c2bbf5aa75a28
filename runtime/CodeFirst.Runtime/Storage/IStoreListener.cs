namespace CodeFirst.Runtime.Storage;

/// <summary>
/// A store that can wake other processes (PostgreSQL's LISTEN/NOTIFY). The engine listens when
/// its store implements this; polling remains the backstop either way.
/// </summary>
public interface IStoreListener
{
    /// <summary>
    /// Listens until cancelled, reconnecting after a lost connection; calls
    /// <paramref name="onWake"/> for every wake-up another process committed.
    /// </summary>
    Task ListenAsync(Action<StoreWakeUp> onWake, CancellationToken cancellationToken);

    /// <summary>
    /// As <see cref="ListenAsync(Action{StoreWakeUp}, CancellationToken)"/>, with the wake-up's origin: the worker id a
    /// transaction named with <see cref="IRunTransaction.WorkersWokenBy"/>, else null.
    /// </summary>
    Task ListenAsync(Action<StoreWakeUp, string?> onWake, CancellationToken cancellationToken) =>
        ListenAsync(wake => onWake(wake, null), cancellationToken);
}

/// <summary>What a wake-up is about.</summary>
public enum StoreWakeUp
{
    /// <summary>Task instances became claimable: workers should claim.</summary>
    Work,
    /// <summary>Runs were created or finished: schedulers should look.</summary>
    Scheduler,
}
