namespace CodeFirst;

/// <summary>Thrown by a task to fail at once, without the retries it has left.</summary>
public sealed class TaskFailedException(string message, Exception? inner = null) : Exception(message, inner);
