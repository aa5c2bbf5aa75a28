namespace CodeFirst.Runtime.Scheduling;

/// <summary>Helpers over any <see cref="ITimetable"/>.</summary>
public static class TimetableExtensions
{
    /// <summary>
    /// The next <paramref name="count"/> automated runs after <paramref name="last"/>, each computed
    /// as if the one before it had been created (what <c>dags next-execution</c> lists).
    /// </summary>
    public static IEnumerable<DagRunInfo> Upcoming(
        this ITimetable timetable, DataInterval? last, TimeRestriction restriction, DateTimeOffset now, int count)
    {
        ArgumentNullException.ThrowIfNull(timetable);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        return Iterate(timetable, last, restriction, now, count);
    }

    private static IEnumerable<DagRunInfo> Iterate(
        ITimetable timetable, DataInterval? last, TimeRestriction restriction, DateTimeOffset now, int count)
    {
        for (var i = 0; i < count && timetable.NextDagRunInfo(last, restriction, now) is { } next; i++)
        {
            yield return next;
            last = next.DataInterval;
        }
    }
}
