namespace CodeFirst.Runtime.Scheduling;

/// <summary>The next run a timetable wants: its interval and the earliest moment it may be created.</summary>
public sealed record DagRunInfo(DataInterval DataInterval, DateTimeOffset RunAfter)
{
    public DateTimeOffset LogicalDate => DataInterval.Start;
}
