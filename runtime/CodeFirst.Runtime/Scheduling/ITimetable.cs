namespace CodeFirst.Runtime.Scheduling;

/// <summary>Turns a schedule into runs. One implementation per schedule form.</summary>
public interface ITimetable
{
    /// <summary>A short human description, e.g. "every day at 00:00 (UTC)".</summary>
    string Summary { get; }

    /// <summary>
    /// The next automated run after <paramref name="lastAutomated"/> (null when the DAG has had
    /// none), or null when the timetable will never create another run. <paramref name="now"/> is
    /// the scheduler's clock, used to skip missed intervals when catchup is off.
    /// </summary>
    DagRunInfo? NextDagRunInfo(DataInterval? lastAutomated, TimeRestriction restriction, DateTimeOffset now);

    /// <summary>The data interval a manual run triggered at <paramref name="runAfter"/> covers.</summary>
    DataInterval InferManualDataInterval(DateTimeOffset runAfter);
}
