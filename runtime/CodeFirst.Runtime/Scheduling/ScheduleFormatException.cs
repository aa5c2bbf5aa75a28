namespace CodeFirst.Runtime.Scheduling;

/// <summary>A schedule, date or time zone that cannot be read; the message names the value and the accepted forms.</summary>
public sealed class ScheduleFormatException(string message) : FormatException(message);
