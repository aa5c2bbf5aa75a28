namespace CodeFirst.Triggers;

/// <summary>
/// An async wait that runs in the triggerer role (Airflow's <c>BaseTrigger</c>). A task defers to
/// one by throwing <see cref="TaskDeferredException"/>; the task instance then holds no worker
/// slot until <see cref="RunAsync"/> returns, when it is queued again with the event.
/// </summary>
/// <remarks>
/// A trigger is stored as its type name and its JSON (public get/init properties), and rebuilt
/// from them in whichever triggerer claims it, so it must round-trip through System.Text.Json.
/// A trigger may run more than once (a triggerer can die and another take over): firing is
/// at-least-once, and only the first event for a deferral is delivered. <see cref="RunAsync"/>
/// must await rather than block: one triggerer runs thousands of triggers on a few threads.
/// </remarks>
public abstract class Trigger
{
    /// <summary>Waits for the condition and returns the event; honours <paramref name="cancellationToken"/> (the triggerer stopping or losing the trigger).</summary>
    public abstract Task<TriggerEvent> RunAsync(TriggerContext context, CancellationToken cancellationToken);
}
