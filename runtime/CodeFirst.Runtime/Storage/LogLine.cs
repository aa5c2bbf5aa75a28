namespace CodeFirst.Runtime.Storage;

/// <summary>One line of a task try's log.</summary>
public sealed record LogLine(DateTimeOffset Timestamp, string Level, string Message);
