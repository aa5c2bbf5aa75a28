using System.Globalization;
using CodeFirst.Runtime.Scheduling;

namespace CodeFirst.Runtime.Tests.Scheduling;

/// <summary>Test helpers: UTC instants from short ISO strings, and the scheduler's creation loop.</summary>
internal static class Utc
{
    public static DateTimeOffset At(string iso) =>
        DateTimeOffset.Parse(iso, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    public static string Format(DateTimeOffset instant) =>
        instant.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture);

    /// <summary>What a scheduler loop at <paramref name="now"/> creates: runs until the next one is not yet due.</summary>
    public static List<DagRunInfo> Due(ITimetable timetable, DataInterval? last, TimeRestriction restriction, DateTimeOffset now)
    {
        var runs = new List<DagRunInfo>();
        while (timetable.NextDagRunInfo(last, restriction, now) is { } next && next.RunAfter <= now)
        {
            runs.Add(next);
            last = next.DataInterval;
        }

        return runs;
    }

    /// <summary>The logical dates of the next <paramref name="count"/> runs with catchup on, formatted.</summary>
    public static string[] Next(ITimetable timetable, string start, int count) =>
        [.. timetable.Upcoming(null, new TimeRestriction(At(start), null, Catchup: true), At(start), count)
            .Select(r => Format(r.LogicalDate))];
}
