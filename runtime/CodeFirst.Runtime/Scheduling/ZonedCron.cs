namespace CodeFirst.Runtime.Scheduling;

/// <summary>
/// Cron fire times as UTC instants: the expression is evaluated in the zone's wall clock. Every
/// wall-clock occurrence maps to instants by <see cref="TimeZones.Readings"/>; a cron that covers
/// every hour fires at both readings of the repeated fall-back hour (Airflow's fold-hour fix), any
/// other cron only at the earlier one, so a daily 02:00 job runs once on both DST days.
/// </summary>
internal sealed class ZonedCron(CronExpression cron, TimeZoneInfo zone)
{
    // Larger than any DST shift: occurrences this far from a wall time can still be the nearest instant.
    private static readonly TimeSpan ShiftBound = TimeSpan.FromHours(3);
    private const int MaxWidenings = 8;

    public CronExpression Cron => cron;

    public TimeZoneInfo Zone => zone;

    /// <summary>The first fire time strictly after <paramref name="current"/>.</summary>
    public DateTimeOffset? Next(DateTimeOffset current)
    {
        var wall = TimeZones.ToWall(current, zone);
        var margin = Margin(current);
        var (lo, hi) = (wall - margin, wall + margin);
        for (var i = 0; i < MaxWidenings; i++)
        {
            DateTimeOffset? best = null;
            foreach (var instant in InstantsBetween(lo, hi))
            {
                if (instant > current && (best is null || instant < best))
                {
                    best = instant;
                }
            }

            if (best is { } found)
            {
                // An occurrence up to a DST shift later in wall time may still map to an earlier instant.
                var needed = TimeZones.ToWall(found, zone) + Margin(found);
                if (needed <= hi)
                {
                    return found;
                }

                hi = needed;
                continue;
            }

            if (cron.NextAfter(hi) is not { } first)
            {
                return null;
            }

            (lo, hi) = (first, first);
        }

        throw new InvalidOperationException($"cron '{cron.Text}' did not settle after {current:O}");
    }

    /// <summary>The last fire time strictly before <paramref name="current"/>.</summary>
    public DateTimeOffset? Prev(DateTimeOffset current)
    {
        var wall = TimeZones.ToWall(current, zone);
        var margin = Margin(current);
        var (lo, hi) = (wall - margin, wall + margin);
        for (var i = 0; i < MaxWidenings; i++)
        {
            DateTimeOffset? best = null;
            foreach (var instant in InstantsBetween(lo, hi))
            {
                if (instant < current && (best is null || instant > best))
                {
                    best = instant;
                }
            }

            if (best is { } found)
            {
                var needed = TimeZones.ToWall(found, zone) - Margin(found);
                if (needed >= lo)
                {
                    return found;
                }

                lo = needed;
                continue;
            }

            if (cron.PrevBefore(lo) is not { } last)
            {
                return null;
            }

            (lo, hi) = (last, last);
        }

        throw new InvalidOperationException($"cron '{cron.Text}' did not settle before {current:O}");
    }

    /// <summary>Whether <paramref name="instant"/> is itself a fire time.</summary>
    public bool IsFireTime(DateTimeOffset instant) =>
        Next(instant.AddTicks(-1)) == instant;

    private IEnumerable<DateTimeOffset> InstantsBetween(DateTime lo, DateTime hi) =>
        cron.Between(lo, hi).SelectMany(n => TimeZones.Readings(n, zone, cron.CoversEveryHour));

    // Far from any offset change wall time and instants move together, so no slack is needed.
    private TimeSpan Margin(DateTimeOffset instant) =>
        TimeZones.ShiftsNear(instant, zone, ShiftBound) ? ShiftBound : TimeSpan.Zero;
}
