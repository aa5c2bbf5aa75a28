namespace CodeFirst.Triggers;

/// <summary>Fires at <see cref="Moment"/> (Airflow's <c>DateTimeTrigger</c>); the event's payload is the moment.</summary>
public sealed class DateTimeTrigger(DateTimeOffset moment) : Trigger
{
    public DateTimeOffset Moment { get; } = moment;

    public override async Task<TriggerEvent> RunAsync(TriggerContext context, CancellationToken cancellationToken)
    {
        var wait = Moment - context.Time.GetUtcNow();
        if (wait > TimeSpan.Zero) await Task.Delay(wait, context.Time, cancellationToken);
        return TriggerEvent.Of(Moment);
    }
}
