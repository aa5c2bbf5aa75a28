namespace CodeFirst;

/// <summary>Thrown by a task to end its try as <c>skipped</c>.</summary>
public sealed class TaskSkippedException(string message = "The task skipped itself.") : Exception(message);
