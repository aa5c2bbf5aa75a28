namespace CodeFirst.Runtime.Storage;

/// <summary>A trigger to store: its kind (a type name) and its arguments as JSON; <see cref="TimeoutAt"/> fails the task when passed.</summary>
public sealed record NewTrigger(string Kind, string Arguments, DateTimeOffset? TimeoutAt);
