namespace CodeFirst.Runtime.Scheduling;

/// <summary>Parses a DAG's schedule string into its timetable.</summary>
public static class Timetables
{
    /// <summary>Placeholder until the timetable work lands: manual-only for every schedule.</summary>
    public static ITimetable Create(string? schedule, string timezone = "UTC") => throw new NotImplementedException();
}
