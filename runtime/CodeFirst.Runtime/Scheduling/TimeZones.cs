namespace CodeFirst.Runtime.Scheduling;

/// <summary>Resolves IANA ids and maps wall-clock times of a zone to UTC instants.</summary>
internal static class TimeZones
{
    // Wider than any real DST shift, narrower than the distance between two transitions of one zone.
    private static readonly TimeSpan Probe = TimeSpan.FromHours(26);

    public static TimeZoneInfo Resolve(string? timezone)
    {
        if (string.IsNullOrWhiteSpace(timezone))
        {
            throw ScheduleErrors.Zone(timezone);
        }

        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(timezone);
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            throw ScheduleErrors.Zone(timezone);
        }
    }

    public static DateTime ToWall(DateTimeOffset instant, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTimeFromUtc(instant.UtcDateTime, zone);

    /// <summary>
    /// The instants a wall-clock time denotes, earliest first. A time inside a spring-forward gap
    /// is read with the offset in force before the gap (Python's fold=0), which moves it forward by
    /// the gap's length: 02:00 on a 02:00→03:00 day becomes 03:00. An ambiguous fall-back time has
    /// two readings; <paramref name="both"/> says whether the later one is wanted too.
    /// </summary>
    public static IEnumerable<DateTimeOffset> Readings(DateTime wall, TimeZoneInfo zone, bool both)
    {
        wall = DateTime.SpecifyKind(wall, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(wall))
        {
            yield return Utc(wall, OffsetAt(wall - Probe, zone));
        }
        else if (zone.IsAmbiguousTime(wall))
        {
            var offsets = zone.GetAmbiguousTimeOffsets(wall);
            var larger = offsets.Max();
            yield return Utc(wall, larger);
            if (both)
            {
                yield return Utc(wall, offsets.Min());
            }
        }
        else
        {
            yield return Utc(wall, zone.GetUtcOffset(wall));
        }
    }

    /// <summary>The one instant a wall-clock time maps to: the earlier reading when ambiguous.</summary>
    public static DateTimeOffset ToUtc(DateTime wall, TimeZoneInfo zone) => Readings(wall, zone, both: false).First();

    /// <summary>Whether the zone's UTC offset changes within <paramref name="around"/> of an instant.</summary>
    public static bool ShiftsNear(DateTimeOffset instant, TimeZoneInfo zone, TimeSpan around)
    {
        var offset = zone.GetUtcOffset(instant);
        return zone.GetUtcOffset(SafeAdd(instant, -around)) != offset || zone.GetUtcOffset(SafeAdd(instant, around)) != offset;
    }

    private static TimeSpan OffsetAt(DateTime approximateUtc, TimeZoneInfo zone) =>
        zone.GetUtcOffset(new DateTimeOffset(DateTime.SpecifyKind(approximateUtc, DateTimeKind.Utc)));

    private static DateTimeOffset Utc(DateTime wall, TimeSpan offset) =>
        new(DateTime.SpecifyKind(wall - offset, DateTimeKind.Utc));

    private static DateTimeOffset SafeAdd(DateTimeOffset instant, TimeSpan by)
    {
        var ticks = instant.UtcTicks + by.Ticks;
        return ticks < DateTimeOffset.MinValue.UtcTicks ? DateTimeOffset.MinValue
            : ticks > DateTimeOffset.MaxValue.UtcTicks ? DateTimeOffset.MaxValue
            : new DateTimeOffset(ticks, TimeSpan.Zero);
    }
}
