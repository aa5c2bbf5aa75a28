namespace CodeFirst.Runtime.Scheduling;

/// <summary>The span of data a run covers: [Start, End). A scheduled run's logical date is Start.</summary>
public readonly record struct DataInterval(DateTimeOffset Start, DateTimeOffset End);
