namespace CodeFirst.Runtime.Storage;

public sealed record NewTaskInstance(string TaskId, int MaxTries, int PriorityWeight, string Queue);
