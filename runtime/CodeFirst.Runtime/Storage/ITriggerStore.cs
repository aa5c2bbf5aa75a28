namespace CodeFirst.Runtime.Storage;

/// <summary>
/// Sensors and deferral: the bookkeeping of pokes across reschedules, the guarded moves out of
/// <c>running</c> that give a worker slot back, and the trigger rows the triggerer claims under a lease.
/// </summary>
public interface ITriggerStore
{
    /// <summary>
    /// Records a poke of try <paramref name="tryNumber"/>: the first poke of a try stores
    /// <paramref name="now"/> as its first-poke time; later ones (after reschedules) keep it and
    /// count up. A new try (retry, clear) starts afresh.
    /// </summary>
    Task<SensorProgress> BeginPokeAsync(long taskInstanceId, int tryNumber, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// running (under <paramref name="worker"/>'s lease) → up_for_reschedule, due at <paramref name="readyAt"/>; the try
    /// number is kept for the next poke (Airflow does the same). Appends <paramref name="log"/> to the try's log.
    /// </summary>
    Task<bool> RescheduleAsync(long taskInstanceId, string worker, DateTimeOffset readyAt, IReadOnlyList<LogLine> log, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>running (under <paramref name="worker"/>'s lease) → deferred, and the trigger row, in one transaction.</summary>
    Task<bool> DeferAsync(long taskInstanceId, string worker, NewTrigger trigger, IReadOnlyList<LogLine> log, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// Claims up to <paramref name="max"/> triggers of deferred task instances that no triggerer holds or whose lease
    /// ran out (a dead triggerer's); triggers of instances no longer deferred are deleted.
    /// </summary>
    Task<IReadOnlyList<TriggerRecord>> ClaimTriggersAsync(string triggerer, int max, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken cancellationToken);

    /// <summary>Extends the leases of the named triggers still held by <paramref name="triggerer"/>; returns the ids it still holds.</summary>
    Task<IReadOnlyCollection<long>> HeartbeatTriggersAsync(string triggerer, IReadOnlyCollection<long> triggerIds, DateTimeOffset leaseUntil, CancellationToken cancellationToken);

    /// <summary>
    /// Fires a trigger: deferred → queued with <paramref name="eventJson"/> for the resumed try, and the trigger row
    /// deleted, in one transaction. False when the instance was no longer deferred (fired already, cleared): each
    /// deferral is delivered once even when two triggerers fire it.
    /// </summary>
    Task<bool> FireTriggerAsync(long triggerId, string eventJson, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// Fires several triggers in one transaction (what fired while the previous commit was in flight), each as
    /// <see cref="FireTriggerAsync"/> would; returns the ids of those whose instance was still deferred.
    /// </summary>
    Task<IReadOnlySet<long>> FireTriggersAsync(IReadOnlyList<TriggerFiring> firings, DateTimeOffset now, CancellationToken cancellationToken);
}

/// <summary>A trigger that fired, with the event its resumed try receives.</summary>
public sealed record TriggerFiring(long TriggerId, string EventJson);
