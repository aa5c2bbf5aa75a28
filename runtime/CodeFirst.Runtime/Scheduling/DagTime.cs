namespace CodeFirst.Runtime.Scheduling;

/// <summary>Converts a DAG's wall-clock dates (start and end dates, in the DAG's time zone) to UTC.</summary>
public static class DagTime
{
    /// <summary>
    /// The UTC instant of <paramref name="wallClock"/> in <paramref name="timezone"/>. A time that does
    /// not exist (spring forward) moves forward by the gap; an ambiguous one (fall back) takes the
    /// earlier instant, the same rules cron schedules use. A value of kind Utc is returned unchanged.
    /// </summary>
    public static DateTimeOffset ToUtc(DateTime wallClock, string timezone)
    {
        var zone = TimeZones.Resolve(timezone);
        return wallClock.Kind == DateTimeKind.Utc ? new DateTimeOffset(wallClock) : TimeZones.ToUtc(wallClock, zone);
    }

    /// <inheritdoc cref="ToUtc(DateTime, string)"/>
    public static DateTimeOffset? ToUtc(DateTime? wallClock, string timezone) =>
        wallClock is { } value ? ToUtc(value, timezone) : null;
}
