namespace CodeFirst.Runtime.Scheduling;

/// <summary>Placeholder until the timetable work lands: manual-only.</summary>
public static class Timetables
{
    public static ITimetable Create(string? schedule, string timezone = "UTC") => new Manual();

    private sealed class Manual : ITimetable
    {
        public string Summary => "manual only";
        public DagRunInfo? NextDagRunInfo(DataInterval? lastAutomated, TimeRestriction restriction, DateTimeOffset now) => null;
        public DataInterval InferManualDataInterval(DateTimeOffset runAfter) => new(runAfter, runAfter);
    }
}
