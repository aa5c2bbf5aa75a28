namespace CodeFirst.Runtime.Scheduling;

/// <summary>
/// <c>schedule="&lt;cron&gt;"</c> and the presets: each run covers the span between two consecutive
/// fire times, its logical date is the first and it runs after the second.
/// </summary>
internal sealed class CronDataIntervalTimetable(ZonedCron cron, string summary) : DataIntervalTimetable
{
    public override string Summary => summary;

    internal ZonedCron Cron => cron;

    /// <summary>The last complete interval before <paramref name="runAfter"/>: a run triggered at 01:00 on the 25th of a daily DAG covers the 24th.</summary>
    public override DataInterval InferManualDataInterval(DateTimeOffset runAfter)
    {
        var end = AlignToPrev(runAfter.ToUniversalTime());
        return new DataInterval(cron.Prev(end) ?? end, end);
    }

    protected override DateTimeOffset? GetNext(DateTimeOffset current) => cron.Next(current);

    protected override DateTimeOffset? AlignToNext(DateTimeOffset current) =>
        cron.IsFireTime(current) ? current : cron.Next(current);

    protected override DateTimeOffset AlignToPrev(DateTimeOffset current) =>
        cron.IsFireTime(current) ? current : cron.Prev(current) ?? current;

    /// <summary>
    /// The latest complete interval: the one ending at the last fire time at or before
    /// <paramref name="now"/> (on a boundary, the interval ending now), but never before the aligned
    /// start date. This is Airflow's default (<c>catchup_false_no_dagrun_airflow_2_fix</c> off,
    /// and Airflow 3).
    /// </summary>
    protected override DateTimeOffset? SkipToLatest(DateTimeOffset? earliest, DateTimeOffset now)
    {
        DateTimeOffset? latest = null;
        if (cron.Prev(now) is { } lastStart)
        {
            latest = cron.Next(lastStart) == now ? lastStart : cron.Prev(lastStart) ?? lastStart;
        }

        if (earliest is not { } start)
        {
            return latest ?? cron.Next(now);
        }

        var aligned = AlignToNext(start);
        return latest is { } skipped && (aligned is null || skipped > aligned) ? skipped : aligned;
    }
}
