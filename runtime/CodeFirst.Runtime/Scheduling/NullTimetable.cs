namespace CodeFirst.Runtime.Scheduling;

/// <summary><c>schedule=None</c>: never schedules; runs are triggered by hand only.</summary>
internal sealed class NullTimetable : ITimetable
{
    public static NullTimetable Instance { get; } = new();

    public string Summary => "manual only";

    public DagRunInfo? NextDagRunInfo(DataInterval? lastAutomated, TimeRestriction restriction, DateTimeOffset now) => null;

    public DataInterval InferManualDataInterval(DateTimeOffset runAfter) => new(runAfter.ToUniversalTime(), runAfter.ToUniversalTime());
}
