using System.Text.Json.Serialization;

namespace CodeFirst.Triggers;

/// <summary>
/// Fires at the next occurrence of wall-clock <see cref="Time"/> in IANA zone <see cref="Timezone"/> (UTC
/// by default) after the task deferred (Airflow's <c>TimeSensorAsync</c>/<c>DateTimeTrigger</c> at a time
/// of day). The moment is fixed at deferral, like <see cref="TimeDeltaTrigger"/>. A time that does not
/// exist that day (clocks jump forward) fires at the first valid instant after it, the end of the gap; a
/// time that occurs twice (clocks fall back) fires at its first occurrence. The payload is the moment.
/// </summary>
public sealed class TimeOfDayTrigger : Trigger
{
    public TimeOfDayTrigger(TimeOnly time, string? timezone = null, TimeProvider? clock = null)
        : this(time, timezone ?? "UTC", NextOccurrence(time, FindZone(timezone ?? "UTC"), (clock ?? TimeProvider.System).GetUtcNow()))
    {
    }

    [JsonConstructor]
    public TimeOfDayTrigger(TimeOnly time, string timezone, DateTimeOffset moment) => (Time, Timezone, Moment) = (time, timezone, moment);

    public TimeOnly Time { get; }
    public string Timezone { get; }
    public DateTimeOffset Moment { get; }

    public override Task<TriggerEvent> RunAsync(TriggerContext context, CancellationToken cancellationToken) =>
        new DateTimeTrigger(Moment).RunAsync(context, cancellationToken);

    /// <summary>The first instant at or after <paramref name="after"/> whose wall-clock time in <paramref name="zone"/> is <paramref name="time"/>.</summary>
    public static DateTimeOffset NextOccurrence(TimeOnly time, TimeZoneInfo zone, DateTimeOffset after)
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(after, zone).DateTime);
        for (var day = today.AddDays(-1); ; day = day.AddDays(1))
        {
            var candidate = Resolve(day.ToDateTime(time), zone);
            if (candidate >= after) return candidate;
        }
    }

    private static DateTimeOffset Resolve(DateTime local, TimeZoneInfo zone)
    {
        if (zone.IsInvalidTime(local))
        {
            // Clocks jumped over it: the gap ends on a whole minute, the first valid wall-clock time after it.
            var shifted = local.AddTicks(-(local.Ticks % TimeSpan.TicksPerMinute));
            while (zone.IsInvalidTime(shifted)) shifted = shifted.AddMinutes(1);
            return new DateTimeOffset(shifted, zone.GetUtcOffset(shifted));
        }
        // Ambiguous (clocks fell back): the larger offset is the earlier, first occurrence.
        var offset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset);
    }

    private static TimeZoneInfo FindZone(string timezone)
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(timezone);
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            throw new ArgumentException($"'{timezone}' is not a known IANA time zone (e.g. 'Europe/Berlin', 'UTC').", nameof(timezone), e);
        }
    }
}
