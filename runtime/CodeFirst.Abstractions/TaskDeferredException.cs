using CodeFirst.Triggers;

namespace CodeFirst;

/// <summary>
/// Thrown by a task to defer (Airflow's <c>TaskDeferred</c>): the task instance becomes
/// <c>deferred</c>, gives back its worker slot, and <see cref="Trigger"/> runs in the triggerer.
/// When it fires the task runs again, with the event in <see cref="TaskContext.TriggerEvent"/>.
/// </summary>
public sealed class TaskDeferredException(Trigger trigger, TimeSpan? timeout = null)
    : Exception($"Deferred to {trigger.GetType().Name}")
{
    public Trigger Trigger { get; } = trigger;

    /// <summary>When the trigger has not fired by then the task fails (without retry).</summary>
    public TimeSpan? Timeout { get; } = timeout;
}
