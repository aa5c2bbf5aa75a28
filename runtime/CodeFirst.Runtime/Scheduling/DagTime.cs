namespace CodeFirst.Runtime.Scheduling;

/// <summary>Placeholder until the timetable work lands.</summary>
public static class DagTime
{
    public static DateTimeOffset ToUtc(DateTime wallClock, string timezone) =>
        new(TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(wallClock, DateTimeKind.Unspecified), TimeZoneInfo.FindSystemTimeZoneById(timezone)), TimeSpan.Zero);
}
