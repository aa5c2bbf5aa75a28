using CodeFirst.Runtime.Storage;

namespace CodeFirst.Runtime.Sensors;

/// <summary>Ends a try without finishing it: the instance waits for a reschedule (<see cref="ReadyAt"/>) or a trigger.</summary>
internal sealed class TaskSuspendedException : Exception
{
    private TaskSuspendedException(DateTimeOffset? readyAt, NewTrigger? trigger)
        : base(trigger is null ? $"Rescheduled to {readyAt:O}" : $"Deferred to {trigger.Kind}") => (ReadyAt, Trigger) = (readyAt, trigger);

    public DateTimeOffset? ReadyAt { get; }
    public NewTrigger? Trigger { get; }

    public static TaskSuspendedException Reschedule(DateTimeOffset readyAt) => new(readyAt, null);

    public static TaskSuspendedException Defer(NewTrigger trigger) => new(null, trigger);
}
