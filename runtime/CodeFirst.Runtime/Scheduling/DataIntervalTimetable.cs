namespace CodeFirst.Runtime.Scheduling;

/// <summary>
/// Airflow's <c>_DataIntervalTimetable</c>: periodic intervals from an underlying schedule, each run
/// created at its interval's end. Subclasses say how to step, align and skip.
/// </summary>
internal abstract class DataIntervalTimetable : ITimetable
{
    public abstract string Summary { get; }

    public DagRunInfo? NextDagRunInfo(DataInterval? lastAutomated, TimeRestriction restriction, DateTimeOffset now)
    {
        now = now.ToUniversalTime();
        var earliest = restriction.Earliest?.ToUniversalTime();
        if (!restriction.Catchup)
        {
            earliest = SkipToLatest(earliest, now);
        }
        else if (earliest is { } start)
        {
            earliest = AlignToNext(start);
        }

        DateTimeOffset? begin;
        if (lastAutomated is not { } last)
        {
            begin = earliest;
        }
        else
        {
            // Aligning the previous end matters when the schedule changed since that run.
            var previousEnd = AlignToPrev(last.End.ToUniversalTime());
            begin = earliest is { } bound && bound > previousEnd ? bound : previousEnd;
        }

        if (begin is not { } from || (restriction.Latest is { } latest && from > latest))
        {
            return null;
        }

        return GetNext(from) is { } end ? new DagRunInfo(new DataInterval(from, end), end) : null;
    }

    public abstract DataInterval InferManualDataInterval(DateTimeOffset runAfter);

    /// <summary>The first schedule time strictly after <paramref name="current"/>.</summary>
    protected abstract DateTimeOffset? GetNext(DateTimeOffset current);

    /// <summary><paramref name="current"/> if it is a schedule time, else the next one (null when there is none).</summary>
    protected abstract DateTimeOffset? AlignToNext(DateTimeOffset current);

    /// <summary><paramref name="current"/> if it is a schedule time, else the previous one.</summary>
    protected abstract DateTimeOffset AlignToPrev(DateTimeOffset current);

    /// <summary>The earliest interval start allowed when catchup is off.</summary>
    protected abstract DateTimeOffset? SkipToLatest(DateTimeOffset? earliest, DateTimeOffset now);
}
