namespace CodeFirst.Runtime.Scheduling;

/// <summary>
/// <c>schedule=timedelta(...)</c>: intervals of a fixed absolute length laid end to end from the
/// start date, with no alignment; DST never shifts them.
/// </summary>
internal sealed class DeltaDataIntervalTimetable(TimeSpan delta) : DataIntervalTimetable
{
    public override string Summary => $"every {delta:c}";

    public TimeSpan Delta => delta;

    public override DataInterval InferManualDataInterval(DateTimeOffset runAfter)
    {
        runAfter = runAfter.ToUniversalTime();
        return new DataInterval(runAfter - delta, runAfter);
    }

    protected override DateTimeOffset? GetNext(DateTimeOffset current) => current + delta;

    protected override DateTimeOffset? AlignToNext(DateTimeOffset current) => current;

    protected override DateTimeOffset AlignToPrev(DateTimeOffset current) => current;

    /// <summary>
    /// What Airflow does (its default, <c>catchup_false_no_dagrun_airflow_2_fix</c> off, and Airflow 3):
    /// round <paramref name="now"/> down to a multiple of the delta counted from the Unix epoch, step
    /// back one delta, and never go before the start date. So the first run skips to the interval
    /// [floor(now) - delta, floor(now)), which is complete; it is not aligned to the start date.
    /// </summary>
    protected override DateTimeOffset? SkipToLatest(DateTimeOffset? earliest, DateTimeOffset now)
    {
        var sinceEpoch = now.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
        var rounded = now.AddTicks(-(((sinceEpoch % delta.Ticks) + delta.Ticks) % delta.Ticks));
        var skipped = rounded - delta;
        return earliest is { } start && start > skipped ? start : skipped;
    }
}
