namespace CodeFirst.Runtime.Storage;

public sealed record NewTaskInstance(string TaskId, int MaxTries, int PriorityWeight, string Queue, string Pool = Definitions.TaskDefinition.DefaultPool, int PoolSlots = 1);
