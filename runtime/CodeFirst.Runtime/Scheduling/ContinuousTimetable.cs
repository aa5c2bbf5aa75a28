namespace CodeFirst.Runtime.Scheduling;

/// <summary>
/// <c>@continuous</c>: the next run as soon as possible (one at a time is enforced by the
/// scheduler). As in Airflow, each run covers the time since the previous one ended: the first
/// [start date, max(start date, now)], later ones [previous end, now]; a run that would end after
/// the end date is not created, and there is none without a start date.
/// </summary>
internal sealed class ContinuousTimetable : ITimetable
{
    public static ContinuousTimetable Instance { get; } = new();

    public string Summary => "continuous";

    public DagRunInfo? NextDagRunInfo(DataInterval? lastAutomated, TimeRestriction restriction, DateTimeOffset now)
    {
        if (restriction.Earliest is not { } earliest)
        {
            return null;
        }

        now = now.ToUniversalTime();
        earliest = earliest.ToUniversalTime();
        DateTimeOffset start, end;
        if (lastAutomated is { } last)
        {
            // A previous run ending in the future means the start date moved: restart from it,
            // keeping the previous run's length (Airflow does the same).
            (start, end) = last.End > now
                ? (earliest, earliest + (last.End - last.Start))
                : (last.End.ToUniversalTime(), now);
        }
        else
        {
            (start, end) = (earliest, earliest > now ? earliest : now);
        }

        return restriction.Latest is { } latest && end > latest ? null : new DagRunInfo(new DataInterval(start, end), end);
    }

    public DataInterval InferManualDataInterval(DateTimeOffset runAfter) => new(runAfter.ToUniversalTime(), runAfter.ToUniversalTime());
}
