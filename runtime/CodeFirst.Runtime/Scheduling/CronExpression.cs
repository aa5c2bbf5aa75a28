using NCrontab;

namespace CodeFirst.Runtime.Scheduling;

/// <summary>
/// A 5-field cron expression over naive wall-clock times, with croniter's rules: 7 is Sunday and a
/// restricted day-of-month is ORed with a restricted day-of-week.
/// </summary>
internal sealed class CronExpression
{
    private static readonly DateTime End = DateTime.MaxValue;
    private static readonly TimeSpan FirstLookBack = TimeSpan.FromHours(1);
    private static readonly TimeSpan LongestLookBack = TimeSpan.FromDays(366 * 30);

    private readonly CrontabSchedule[] _schedules;

    private CronExpression(string text, CrontabSchedule[] schedules, bool coversEveryHour)
    {
        Text = text;
        _schedules = schedules;
        CoversEveryHour = coversEveryHour;
    }

    public string Text { get; }

    /// <summary>The hour field allows every hour, Airflow's test for running through the repeated fall-back hour.</summary>
    public bool CoversEveryHour { get; }

    public static CronExpression Parse(string text)
    {
        var parts = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 5)
        {
            throw ScheduleErrors.Schedule(text, $"a cron expression has 5 fields, this one has {parts.Length}");
        }

        var minutes = CronField.Minutes(parts[0]) ?? throw Bad(text, "minute", parts[0]);
        var hours = CronField.Hours(parts[1]) ?? throw Bad(text, "hour", parts[1]);
        var days = CronField.DaysOfMonth(parts[2]) ?? throw Bad(text, "day-of-month", parts[2]);
        var months = CronField.Months(parts[3]) ?? throw Bad(text, "month", parts[3]);
        var weekdays = CronField.DaysOfWeek(parts[4]) ?? throw Bad(text, "day-of-week", parts[4]);

        string Build(CronField d, CronField w) => $"{minutes} {hours} {d} {months} {w}";
        var schedules = !days.IsFull && !weekdays.IsFull
            ? new[] { Build(days, CronField.DaysOfWeek("*")!), Build(CronField.DaysOfMonth("*")!, weekdays) }
            : [Build(days, weekdays)];
        return new CronExpression(text, [.. schedules.Select(s => CrontabSchedule.Parse(s))], hours.IsFull);
    }

    /// <summary>The first occurrence at or after <paramref name="wall"/>, or null if there is none.</summary>
    public DateTime? NextOrSame(DateTime wall)
    {
        var from = wall == DateTime.MinValue ? wall : wall.AddTicks(-1);
        var next = _schedules.Min(s => s.GetNextOccurrence(from, End));
        return next >= End ? null : next;
    }

    /// <summary>The first occurrence strictly after <paramref name="wall"/>, or null if there is none.</summary>
    public DateTime? NextAfter(DateTime wall)
    {
        var next = _schedules.Min(s => s.GetNextOccurrence(wall, End));
        return next >= End ? null : next;
    }

    /// <summary>The occurrences in [<paramref name="from"/>, <paramref name="to"/>], in order.</summary>
    public IEnumerable<DateTime> Between(DateTime from, DateTime to)
    {
        for (var n = NextOrSame(from); n is { } value && value <= to; n = NextAfter(value))
        {
            yield return value;
        }
    }

    /// <summary>The last occurrence strictly before <paramref name="wall"/>, or null if there is none.</summary>
    public DateTime? PrevBefore(DateTime wall)
    {
        // NCrontab only walks forwards, so look back over a doubling window.
        for (var window = FirstLookBack; window <= LongestLookBack; window += window)
        {
            var from = wall - DateTime.MinValue > window ? wall - window : DateTime.MinValue;
            DateTime? last = null;
            foreach (var n in Between(from, wall))
            {
                if (n >= wall)
                {
                    break;
                }

                last = n;
            }

            if (last is not null || from == DateTime.MinValue)
            {
                return last;
            }
        }

        return null;
    }

    private static ScheduleFormatException Bad(string text, string field, string value) =>
        ScheduleErrors.Schedule(text, $"the {field} field '{value}' is not valid");
}
