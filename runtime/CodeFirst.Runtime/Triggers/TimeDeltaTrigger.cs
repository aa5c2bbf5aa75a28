namespace CodeFirst.Triggers;

/// <summary>
/// Fires <see cref="Delta"/> after it was created (Airflow's <c>TimeDeltaTrigger</c>): the moment is fixed
/// when the task defers, so a triggerer taking over does not start the wait again.
/// </summary>
public sealed class TimeDeltaTrigger : Trigger
{
    public TimeDeltaTrigger(TimeSpan delta, TimeProvider? time = null) : this(delta, (time ?? TimeProvider.System).GetUtcNow() + delta)
    {
    }

    [System.Text.Json.Serialization.JsonConstructor]
    public TimeDeltaTrigger(TimeSpan delta, DateTimeOffset moment) => (Delta, Moment) = (delta, moment);

    public TimeSpan Delta { get; }
    public DateTimeOffset Moment { get; }

    public override Task<TriggerEvent> RunAsync(TriggerContext context, CancellationToken cancellationToken) =>
        new DateTimeTrigger(Moment).RunAsync(context, cancellationToken);
}
